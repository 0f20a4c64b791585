// The admin's date picker (Wagtail's jQuery datetimepicker) closes on Escape, focus staying on
// its field. Escape with a picker open closes only the picker (not a dialog around it).
(function () {
  "use strict";

  function openPicker() {
    var jq = window.jQuery;
    if (!jq) {
      return null;
    }
    var active = document.activeElement;
    var picker = active ? jq(active).data("xdsoft_datetimepicker") : null;
    if (picker && picker.is(":visible")) {
      return { picker: picker, input: active };
    }
    picker = jq(".xdsoft_datetimepicker:visible").first();
    if (picker.length && picker.data("input")) {
      return { picker: picker, input: picker.data("input")[0] };
    }
    return null;
  }

  document.addEventListener(
    "keydown",
    function (event) {
      if (event.key !== "Escape" || event.defaultPrevented) {
        return;
      }
      var open = openPicker();
      if (!open) {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      open.picker.trigger("close.xdsoft");
      if (document.activeElement !== open.input) {
        // Focusing the field reopens its picker a moment later: close it again after that.
        open.input.focus();
        window.setTimeout(function () {
          open.picker.trigger("close.xdsoft");
        }, 150);
      }
    },
    true,
  );
})();
