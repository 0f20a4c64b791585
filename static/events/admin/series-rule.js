/* Meeting series edit form: show only the fields of the chosen rule ("repeats"). Progressive
   enhancement: without this script every field shows and the server validates the rule. */
(function () {
  "use strict";
  var RULE_FIELDS = {
    weekly: ["weekdays"],
    monthly: ["week_of_month", "monthly_weekday"],
    dates: ["explicit_dates"],
  };

  function wrapperOf(form, name) {
    var input = form.querySelector('[name="' + name + '"]');
    if (!input) return null;
    // The panel child (label included); a row holds fields of one rule only.
    return input.closest(".w-panel__wrapper") || input.closest("[data-field-wrapper]");
  }

  function show(form, chosen) {
    Object.keys(RULE_FIELDS).forEach(function (rule) {
      RULE_FIELDS[rule].forEach(function (name) {
        var wrapper = wrapperOf(form, name);
        if (wrapper) wrapper.hidden = rule !== chosen;
      });
    });
  }

  function init() {
    var select = document.querySelector('select[name="frequency"]');
    var form = select && select.form;
    // Only the series form has both a "repeats" choice and a first date.
    if (!form || !form.querySelector('[name="first_date"]')) return;
    show(form, select.value);
    select.addEventListener("change", function () {
      show(form, select.value);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
