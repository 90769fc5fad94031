// Progressive enhancement: suggest skills while typing (the form works without it).
// Common skills come with the page; ESCO skill names are fetched for the last skill typed.
(function () {
  var skills = document.getElementById("skills");
  var list = document.getElementById("skill-suggestions");
  if (!skills || !list) { return; }
  skills.setAttribute("list", "skill-suggestions");
  var timer = null;
  skills.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var parts = skills.value.split(",");
      var typed = parts[parts.length - 1].trim();
      if (typed.length < 2) { return; }
      fetch("/skills.json?q=" + encodeURIComponent(typed), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { skills: [] }; })
        .then(function (data) {
          var before = parts.slice(0, -1).map(function (p) { return p.trim(); }).filter(Boolean);
          var prefix = before.length ? before.join(", ") + ", " : "";
          list.textContent = "";
          data.skills.forEach(function (name) {
            var option = document.createElement("option");
            option.value = prefix + name;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 250);
  });
})();
