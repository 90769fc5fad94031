// The organizer's floor plan on an image: choose a booth, click on the image, and the booth's
// form gets the point (in percent) and is sent. Without this script the forms work as typed.
(function () {
  var editor = document.getElementById("floor-editor");
  var chooser = document.getElementById("booth-to-place");
  var box = document.getElementById("click-place");
  if (!editor || !chooser || !box || editor.getAttribute("data-kind") !== "image") { return; }
  var svg = editor.querySelector("svg.floor-map");
  if (!svg) { return; }
  box.hidden = false;
  chooser.addEventListener("change", function () {
    editor.classList.toggle("placing", chooser.value !== "");
  });
  svg.addEventListener("click", function (event) {
    var item = chooser.value && document.getElementById(chooser.value);
    if (!item) { return; }
    event.preventDefault();
    var rect = svg.getBoundingClientRect();
    var x = (event.clientX - rect.left) / rect.width * 100;
    var y = (event.clientY - rect.top) / rect.height * 100;
    var form = item.querySelector("form.booth-place");
    form.querySelector("input[name$='-image_x']").value = x.toFixed(1);
    form.querySelector("input[name$='-image_y']").value = y.toFixed(1);
    form.submit();
  });
})();
