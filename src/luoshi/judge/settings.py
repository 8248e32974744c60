"""The judge's tolerances, in one place so an office can set its own (docs/judge.md says why these)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class JudgeSettings:
    """Tolerances for 左右 targets and the floor reading of bare numbers."""

    # 增长7%左右: met from 6.5% up (±0.5 percentage point, the rounding step of published growth rates).
    growth_band_pp: float = 0.5
    # 覆盖率85%左右 and other targets in %: the same ±0.5 percentage point.
    ratio_band_pp: float = 0.5
    # 8万元左右 and other levels: ±2% of the target (a rounding of the last printed digit).
    level_band_rel: float = 0.02
    # Exceeding a 左右 target counts as met (plans set approximate floors; an overshoot is not a miss).
    band_upper_fails: bool = False
    # A bare number in a target ("新增市场主体12800家") is a floor, as the documents mean it.
    bare_value_is_floor: bool = True


DEFAULT_SETTINGS = JudgeSettings()
