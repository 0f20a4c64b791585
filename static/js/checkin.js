// The check-in page's search box filters the list by name as the host types (the form still
// searches names, emails and phones on the server, without JavaScript and on Enter).
(function () {
  var input = document.querySelector("[data-checkin-search]");
  if (!input) return;
  var people = document.querySelectorAll("[data-checkin-list] > li");
  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
    people.forEach(function (person) {
      var text = person.getAttribute("data-search") || "";
      person.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
    });
  });
})();
