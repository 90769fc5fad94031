// Progressive enhancement: suggest common skills while typing (the form works without it).
(function () {
  var skills = document.getElementById("skills");
  if (skills && document.getElementById("skill-suggestions")) {
    skills.setAttribute("list", "skill-suggestions");
  }
})();
