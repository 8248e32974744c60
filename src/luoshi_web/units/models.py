"""Governments and their unit directories: canonical names, aliases, kinds and renamings after 机构改革."""

from __future__ import annotations

from django.db import models


class Government(models.Model):
    """A district/county/city government; ``parent`` lets a city or province see the governments below it."""

    LEVELS = (
        ("province", "省级"),
        ("city", "市级"),
        ("county", "县区级"),
    )

    name = models.CharField("名称", max_length=100, unique=True)  # 鼓楼区
    full_name = models.CharField("全称", max_length=200, blank=True)  # 南京市鼓楼区人民政府
    level = models.CharField("层级", max_length=20, choices=LEVELS, default="county")
    parent = models.ForeignKey(
        "self", verbose_name="上级政府", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField("行政区划代码", max_length=12, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "政府"
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A responsible unit (责任单位) of one government, under its canonical name.

    A ``group`` unit is a collective name printed in plans (各街道, 区相关部门, 板块): it stands for its
    ``members`` (or every unit of ``member_kind``), so a liaison of a 街道 sees tasks given to 各街道.
    """

    KINDS = (
        ("department", "部门"),
        ("subdistrict", "街道"),
        ("committee", "管委会"),
        ("enterprise", "国企"),
        ("mass_org", "群团"),
        ("vertical", "垂管"),
        ("group", "统称"),
    )

    government = models.ForeignKey(Government, verbose_name="政府", on_delete=models.PROTECT, related_name="units")
    name = models.CharField("规范名称", max_length=100)
    kind = models.CharField("类别", max_length=20, choices=KINDS, default="department")
    active = models.BooleanField("在用", default=True)
    # 机构改革: a unit merged into or replaced by another keeps its history and points to its successor.
    successor = models.ForeignKey(
        "self", verbose_name="承继单位", null=True, blank=True, on_delete=models.SET_NULL, related_name="predecessors"
    )
    dissolved_on = models.DateField("撤并日期", null=True, blank=True)
    member_kind = models.CharField("统称包含的类别", max_length=20, choices=KINDS[:-1], blank=True)
    members = models.ManyToManyField(
        "self", verbose_name="统称包含的单位", symmetrical=False, blank=True, related_name="groups"
    )
    sort_order = models.PositiveIntegerField("排序", default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        ordering = (
            "government_id",
            "sort_order",
            "name",
        )
        constraints = (models.UniqueConstraint(fields=["government", "name"], name="unit_name_unique_per_government"),)

    def __str__(self) -> str:
        return self.name


class UnitAlias(models.Model):
    """Another spelling of a unit's name (区科技局 = 科技局 = 区科学技术局), unique within a government."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="aliases")
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("别名", max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "单位别名"
        ordering = ("name",)
        constraints = (models.UniqueConstraint(fields=["government", "name"], name="alias_unique_per_government"),)

    def __str__(self) -> str:
        return f"{self.name} → {self.unit.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.government_id = self.unit.government_id
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class UnitRename(models.Model):
    """One renaming of a unit (机构改革): the old name stays an alias so older documents still resolve."""

    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.CASCADE, related_name="renames")
    old_name = models.CharField("原名称", max_length=100)
    new_name = models.CharField("新名称", max_length=100)
    renamed_on = models.DateField("更名日期")
    note = models.CharField("依据", max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "单位更名记录"
        ordering = ("-renamed_on",)

    def __str__(self) -> str:
        return f"{self.old_name} → {self.new_name}（{self.renamed_on}）"
