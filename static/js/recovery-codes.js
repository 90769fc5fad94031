// Print and copy buttons for the recovery codes, shown only where they work.
(function () {
  var print = document.getElementById("print-codes");
  if (print && typeof window.print === "function") {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
  var copy = document.getElementById("copy-codes");
  var list = document.getElementById("recovery-codes");
  if (copy && list && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var codes = Array.prototype.map.call(list.querySelectorAll("code"), function (c) {
        return c.textContent;
      });
      navigator.clipboard.writeText(codes.join("\n")).then(function () {
        copy.textContent = copy.getAttribute("data-done");
      });
    });
  }
})();
