// 落实: the cockpit's charts. Each <div data-chart="ID"> is drawn from the JSON in <script id="ID">
// (embedded with json_script: the Content-Security-Policy allows no inline script). Every bar and
// slice carries the URL of the task list behind it; a click opens it. Tooltips are drawn on the
// canvas (renderMode richText), since the policy also forbids inline style attributes.
"use strict";
(function () {
  function percent(spec) { return spec.percent ? "{value}%" : "{value}"; }

  function option(spec, narrow) {
    var base = {
      animation: false,
      textStyle: { fontFamily: "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif" },
      tooltip: { renderMode: "richText", trigger: spec.kind === "pie" ? "item" : "axis", confine: true },
      legend: { type: "scroll", bottom: 0 },
      color: spec.series.map(function (s) { return s.color; }).filter(Boolean),
    };
    if (spec.kind === "pie") {
      var data = spec.series[0].data.map(function (d) {
        return { name: d.name, value: d.value, url: d.url, itemStyle: { color: d.color } };
      });
      base.legend.show = true;
      base.series = [{ type: "pie", radius: ["38%", "68%"], center: ["50%", "45%"], data: data,
        label: { show: !narrow, formatter: "{b}\n{c}项" }, avoidLabelOverlap: true }];
      return base;
    }
    var category = { type: "category", data: spec.categories, axisLabel: { interval: 0, width: 110, overflow: "truncate" } };
    var value = { type: "value", axisLabel: { formatter: percent(spec) } };
    if (!spec.horizontal && spec.categories.length > 6) {
      category.axisLabel.rotate = 30;
    }
    base.grid = { left: 8, right: 16, top: 16, bottom: 40, containLabel: true };
    base.xAxis = spec.horizontal ? value : category;
    base.yAxis = spec.horizontal ? Object.assign({}, category, { inverse: true }) : value;
    base.series = spec.series.map(function (s) {
      return {
        name: s.name, type: "bar", stack: spec.stack ? "all" : undefined, itemStyle: { color: s.color },
        barMaxWidth: 28,
        data: s.data.map(function (d) { return { value: d.value, url: d.url }; }),
      };
    });
    if (spec.categories.length > 20 && spec.horizontal) {
      base.dataZoom = [{ type: "slider", yAxisIndex: 0, start: 0, end: Math.round(2000 / spec.categories.length), right: 0, width: 14 },
                       { type: "inside", yAxisIndex: 0 }];
    } else if (spec.categories.length > 20) {
      base.dataZoom = [{ type: "slider", xAxisIndex: 0, start: 0, end: Math.round(2000 / spec.categories.length), bottom: 24, height: 14 },
                       { type: "inside", xAxisIndex: 0 }];
    }
    return base;
  }

  function draw(element) {
    if (typeof echarts === "undefined") { return; }
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(option(spec, element.clientWidth < 480));
    chart.on("click", function (params) {
      var url = params.data && params.data.url;
      if (url) { window.location.href = url; }
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(draw);
    document.querySelectorAll("select[data-navigate]").forEach(function (select) {
      select.addEventListener("change", function () { window.location.href = select.value; });
    });
  });
})();
