// A calendar import's status page follows the import: every 1.5 s it reads the page again and
// puts in the new status, until the import has ended. Without this script a <noscript> meta
// refresh reloads the page.
(function () {
  "use strict";

  var SECONDS = 1.5;

  function poll() {
    var current = document.getElementById("opeiu-import-status");
    if (!current || !current.hasAttribute("data-refresh")) {
      return;
    }
    window.setTimeout(function () {
      fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var next = page.getElementById("opeiu-import-status");
          if (next) {
            current.replaceWith(document.importNode(next, true));
          }
          poll();
        })
        .catch(poll);
    }, SECONDS * 1000);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", poll);
  } else {
    poll();
  }
})();
