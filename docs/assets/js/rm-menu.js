/** The site menu on a narrow screen, for the keyboard.
 *
 * There, Material's menu is a drawer opened by a hidden checkbox through the header's
 * `<label for="__drawer">`, and a label can be neither focused nor pressed with a key. The template
 * puts a real button before it, hidden; this shows it (site.css then hides the label, and takes the
 * closed drawer out of the tab order), so without JavaScript nothing changes. Pressed, the button
 * works the checkbox; opened by a key, the drawer takes focus on its first link, and Escape closes it
 * and returns focus to the button. While the drawer is open, the page behind it is inert: Tab stays in
 * the menu, and nothing the drawer covers can take focus (WCAG 2.4.11) or be read out behind it. */
export function initMenu(button) {
  const toggle = document.getElementById(button.dataset.toggle);
  if (!toggle || !menuDrawer()) return;
  button.setAttribute("aria-controls", DRAWER_ID);
  let covered = false; // is the page behind the drawer inert? Changed only when it must be
  const shown = () => {
    menuDrawer(); // after an instant navigation, the new drawer takes the id aria-controls names
    button.setAttribute("aria-expanded", String(toggle.checked));
    const cover = toggle.checked && DRAWER.matches;
    if (cover === covered) return;
    covered = cover;
    pageBehind(cover);
  };
  shown();
  toggle.addEventListener("change", shown); // Material opens and closes the drawer with clicks on it
  DRAWER.addEventListener("change", shown);
  button.addEventListener("click", (event) => {
    toggle.click(); // Material's drawer follows the checkbox
    const byKey = event.detail === 0; // Enter or Space: no pointer clicked
    if (toggle.checked && byKey) menuDrawer()?.querySelector("a[href]")?.focus();
  });
  button.hidden = false;
  document.documentElement.classList.add("rm-menu-button"); // site.css: the label makes way, the closed drawer leaves the tab order
  if (!listening) document.addEventListener("keydown", closeMenu); // once: instant navigation restarts components
  listening = true;
}

// Material's breakpoint (site.css uses it too): below it the menu is a drawer over the page.
const DRAWER = matchMedia("(max-width: 76.234375em)");
const DRAWER_ID = "rm-site-menu";

/** Material's menu drawer, named for aria-controls. Looked up each time: Material's instant navigation
 * replaces the page's container, drawer and all, while this button, in the header, stays. */
function menuDrawer() {
  const drawer = document.querySelector(".md-sidebar--primary");
  if (drawer) drawer.id ||= DRAWER_ID;
  return drawer;
}

/** Make inert, or not, everything beside the drawer and its ancestors up to the body, but the overlay
 * (a click on it closes the drawer). */
function pageBehind(inert) {
  for (let el = menuDrawer(); el && el !== document.body; el = el.parentElement) {
    for (const sibling of el.parentElement?.children ?? []) {
      if (sibling !== el && !sibling.classList.contains("md-overlay")) sibling.inert = inert;
    }
  }
}

let listening = false;
function closeMenu(event) {
  const button = document.querySelector('button[data-module="rm-menu"]');
  const toggle = button && document.getElementById(button.dataset.toggle);
  if (event.key !== "Escape" || !toggle?.checked) return;
  toggle.click();
  button.focus();
}
