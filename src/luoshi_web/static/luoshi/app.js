// 落实: the little behaviour pages need, without inline scripts (the Content-Security-Policy forbids them).
"use strict";
document.addEventListener("click", function (event) {
  var target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
// Keep the import preview's place after a split/merge round trip.
document.addEventListener("DOMContentLoaded", function () {
  if (window.location.hash) {
    var row = document.getElementById(window.location.hash.slice(1));
    if (row) { row.scrollIntoView({ block: "center" }); }
  }
});
