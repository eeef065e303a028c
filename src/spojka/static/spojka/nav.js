// On a phone the workspace menu folds behind one button, so the page starts near the top of the
// screen; without JavaScript (or on a wide screen) every link shows, wrapped.
(function () {
  "use strict";
  var nav = document.querySelector(".workspace-nav");
  var list = nav && nav.querySelector("ul");
  if (!list) {
    return;
  }
  var current = list.querySelector("[aria-current]");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "workspace-nav__toggle";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", list.id);
  var label = document.createElement("span");
  label.textContent = nav.getAttribute("data-menu-label") || "Menu";
  button.appendChild(label);
  if (current) {
    var where = document.createElement("span");
    where.className = "workspace-nav__current";
    where.textContent = current.textContent;
    button.appendChild(where);
  }
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  });
  nav.insertBefore(button, list);
  nav.classList.add("is-collapsible");
})();
