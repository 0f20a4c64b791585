/* A "Copy address" button for a feed's address (events/includes/subscribe.html). Without this
   script the address is plain text to select; with it, the button appears and copies it, and
   the status beside it says so (read out by screen readers). */
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[role='status']");
    if (!source || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(
        function () { status.textContent = "Copied"; },
        function () { status.textContent = "Could not copy: select the address instead"; }
      );
    });
  });
})();
