// After htmx puts a settled field back, the focus goes to the next field still open (keyboard only).
document.addEventListener("htmx:afterSettle", function () {
  var next = document.querySelector("li[data-open] input[name=value]");
  if (next) { next.focus(); next.select(); }
});
