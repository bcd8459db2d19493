/* Client-side helpers for the app shell (served from /assets, so no inline script is needed). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  insight: {
    /* After the router draws a page: set the tab title, mark the current link for screen
       readers, and (after the first load) move focus to the new page's heading. */
    pageChanged: function (meta) {
      if (!meta) {
        return window.dash_clientside.no_update;
      }
      document.title = meta.title;
      var path = window.location.pathname.replace(/\/+$/, "") || "/";
      document.querySelectorAll("#site-nav a").forEach(function (link) {
        var linkPath = new URL(link.href, window.location.origin).pathname;
        if (linkPath === path) {
          link.setAttribute("aria-current", "page");
        } else {
          link.removeAttribute("aria-current");
        }
      });
      if (window.insightLoaded) {
        window.requestAnimationFrame(function () {
          var heading = document.querySelector("#page-content h1");
          if (heading) {
            heading.focus();
          }
        });
      }
      window.insightLoaded = true;
      return meta.title;
    },
    /* The "Menu" button opens and closes the navigation on small screens; following a link
       closes it. */
    toggleMenu: function (clicks, pathname, isOpen) {
      var trigger = window.dash_clientside.callback_context.triggered_id;
      var open = trigger === "nav-toggle" ? !isOpen : false;
      return [open, open ? "true" : "false"];
    }
  }
});
