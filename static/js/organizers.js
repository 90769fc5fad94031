// Check-in: keep the code field focused for USB scanners, and scan QR codes with the camera
// where the browser has BarcodeDetector. Without JavaScript, typing the code still works.
(function () {
  var input = document.getElementById("code");
  var form = document.getElementById("scan-form");
  if (!input || !form) { return; }
  if (!document.querySelector("#found button[autofocus]")) { input.focus(); }
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  var start = document.getElementById("camera-start");
  var box = document.getElementById("camera");
  var video = document.getElementById("camera-video");
  start.hidden = false;
  start.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      box.hidden = false;
      video.srcObject = stream;
      video.play();
      var look = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            stream.getTracks().forEach(function (t) { t.stop(); });
            input.value = codes[0].rawValue;
            form.submit();
          } else {
            window.requestAnimationFrame(look);
          }
        }).catch(function () { window.requestAnimationFrame(look); });
      };
      look();
    }).catch(function () { box.hidden = true; });
  });
})();
