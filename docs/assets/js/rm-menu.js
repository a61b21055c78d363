/** The site menu on a narrow screen, for the keyboard.
 *
 * There, Material's menu is a drawer opened by a hidden checkbox through the header's
 * `<label for="__drawer">`, and a label can be neither focused nor pressed with a key. This makes
 * that label a button (markup from the template, behaviour from the script, as GOV.UK Frontend
 * does): Enter or Space opens the drawer and moves focus to its first link; Escape closes it and
 * returns focus to the button. site.css takes the closed drawer out of the tab order once the
 * button works (so without JavaScript nothing changes). */
export function initMenu(button) {
  const toggle = document.getElementById(button.htmlFor);
  const drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !drawer) return;
  button.tabIndex = 0;
  button.setAttribute("role", "button");
  button.setAttribute("aria-label", button.dataset.name); // the name comes from the template
  button.setAttribute("aria-controls", drawer.id || (drawer.id = "rm-site-menu"));
  const shown = () => button.setAttribute("aria-expanded", String(toggle.checked));
  shown();
  toggle.addEventListener("change", shown);
  document.documentElement.classList.add("rm-menu-button"); // site.css: the closed drawer leaves the tab order
  button.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    toggle.click(); // Material's drawer follows the checkbox
    if (toggle.checked) drawer.querySelector("a[href]")?.focus();
  });
  if (!listening) document.addEventListener("keydown", closeMenu); // once: instant navigation restarts components
  listening = true;
}

let listening = false;
function closeMenu(event) {
  const button = document.querySelector('label[data-module="rm-menu"][role="button"]');
  const toggle = button && document.getElementById(button.htmlFor);
  if (event.key !== "Escape" || !toggle?.checked) return;
  toggle.click();
  button.focus();
}
