// "Change a meeting date": picking a date fills the fields with that date's current change, so
// sending never erases a change the person did not see. Without this script the form's "Show
// this date's change" button does the same on the server.
(function () {
  "use strict";

  function setUp() {
    var form = document.querySelector(".opeiu-change-form");
    var data = document.getElementById("opeiu-prefill");
    if (!form || !data) {
      return;
    }
    var byDate = JSON.parse(data.textContent);
    var picker = form.elements.date;
    var status = document.createElement("p");
    status.className = "opeiu-help";
    status.setAttribute("role", "status");
    picker.closest(".opeiu-pick").after(status);
    form.classList.add("opeiu-js");

    picker.addEventListener("change", function () {
      var values = byDate[picker.value] || {};
      ["new_date", "new_start_time", "attendance_mode", "venue", "note", "loaded"].forEach(
        function (name) {
          var value = values[name];
          form.elements[name].value = value === undefined || value === null ? "" : value;
        },
      );
      form.elements.cancelled.checked = Boolean(values.cancelled);
      var label = picker.options[picker.selectedIndex].text;
      status.textContent = Object.keys(values).length > 1
        ? "Filled in with the current change to " + label.split(" — ")[0] + "."
        : label.split(" — ")[0] + " has no change: it is as usual.";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
