/* The main menu as a disclosure on narrow screens (components/header.html).
   Without this script the menu is a plain list of links and the button stays hidden. With it,
   narrow screens show the button and the list only when the button says it is expanded
   (site.css: .site-header--enhanced); Escape closes the list and returns focus to the button.
   No focus trap: Tab moves on through the page as usual. */
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".main-menu-toggle");
  if (!button) {
    return;
  }

  function setExpanded(expanded) {
    button.setAttribute("aria-expanded", expanded ? "true" : "false");
  }

  button.hidden = false;
  setExpanded(false);
  header.classList.add("site-header--enhanced");

  button.addEventListener("click", function () {
    setExpanded(button.getAttribute("aria-expanded") !== "true");
  });

  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setExpanded(false);
      button.focus();
    }
  });
})();
