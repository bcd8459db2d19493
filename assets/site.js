/* Client-side helpers for the app shell (served from /assets, so no inline script is needed). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  insight: {
    /* After Dash Pages draws a page: mark the current link for screen readers, and (after the
       first load) move focus to the new page's heading. */
    pageChanged: function (meta) {
      if (!meta) {
        return window.dash_clientside.no_update;
      }
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
    },
    /* Put a page's settings into the address ({name: value, or null for the default}) without
       drawing the page again. The entry is replaced, not added: Dash Pages' own address does
       not see this change, so a Back step to it would not redraw the earlier view. */
    setQuery: function (changes) {
      if (!changes) {
        return window.dash_clientside.no_update;
      }
      var params = new URLSearchParams(window.location.search);
      Object.keys(changes).forEach(function (name) {
        params.delete(name);
        var value = changes[name];
        if (Array.isArray(value)) {
          value.forEach(function (item) { params.append(name, item); });
        } else if (value !== null && value !== undefined) {
          params.set(name, value);
        }
      });
      /* A comma needs no escaping in a query, and a list setting reads better with its
         commas (compare=england,region). */
      var query = params.toString().replace(/%2C/gi, ",");
      var address = window.location.pathname + (query ? "?" + query : "");
      if (address !== window.location.pathname + window.location.search) {
        window.history.replaceState(null, "", address);
      }
      return query;
    },
    copyLink: function (clicks) {
      if (!clicks) {
        return window.dash_clientside.no_update;
      }
      var href = window.location.href;
      var manual = "Copy this link: " + href;
      if (navigator.clipboard && window.isSecureContext) {
        return navigator.clipboard.writeText(href).then(function () {
          return "Link copied. It opens this page with the same settings.";
        }, function () {
          return manual;
        });
      }
      return manual;
    },
    printPage: function (clicks) {
      if (clicks) {
        window.print();
      }
      return window.dash_clientside.no_update;
    }
  }
});

/* Each download link carries the page's settings as they are just before it is used (settings
   change without a new page being drawn), and the page it is on ("from"). */
(function () {
  var refresh = function (event) {
    var link = event.target.closest ? event.target.closest("a.download-link") : null;
    if (!link) {
      return;
    }
    var params = new URLSearchParams(window.location.search);
    params.delete("from");
    params.delete("size");
    params.append("from", window.location.pathname);
    if (link.dataset.size) {
      params.append("size", link.dataset.size);
    }
    link.href = "/download/" + link.dataset.figure + "." + link.dataset.ext + "?" +
      params.toString();
  };
  ["pointerdown", "focusin", "contextmenu", "keydown"].forEach(function (type) {
    document.addEventListener(type, refresh, true);
  });

  /* Before printing, narrow charts wider than the A4 text width (180 mm, 680 CSS pixels) so
     none is cut, and put them back afterwards. */
  var printWidth = 680;
  var narrowed = [];
  window.addEventListener("beforeprint", function () {
    if (!window.Plotly) {
      return;
    }
    document.querySelectorAll(".chart-graph .js-plotly-plot").forEach(function (graph) {
      if (graph.offsetWidth > printWidth) {
        narrowed.push(graph);
        window.Plotly.relayout(graph, {width: printWidth});
      }
    });
  });
  window.addEventListener("afterprint", function () {
    narrowed.forEach(function (graph) {
      window.Plotly.relayout(graph, {width: null, autosize: true});
    });
    narrowed = [];
  });
})();

/* "Show the data": a chart's table is drawn from the data its element carries the first time
   the reader opens it (layouts/components/charts.py, table_spec), so closed tables cost the
   page nothing. A suppressed value is its code, explained on hover, never 0. */
(function () {
  var cell = function (tag, value, column) {
    var element = document.createElement(tag);
    if (column) {
      element.dataset.column = column;
    }
    if (Array.isArray(value)) {
      var code = document.createElement("abbr");
      code.textContent = value[0];
      code.title = value[1];
      element.appendChild(code);
    } else {
      element.textContent = value;
    }
    return element;
  };
  window.insightDataTable = function (holder) {
    if (holder.dataset.drawn) {
      return;
    }
    var spec = JSON.parse(holder.dataset.table);
    var table = document.createElement("table");
    table.className = "table table-sm chart-data-table";
    table.createCaption().textContent = spec.caption;
    var headRow = table.createTHead().insertRow();
    spec.columns.forEach(function (column) {
      var th = cell("th", column[1]);
      th.scope = "col";
      headRow.appendChild(th);
    });
    var body = table.createTBody();
    spec.rows.forEach(function (values) {
      var row = body.insertRow();
      values.forEach(function (value, i) {
        row.appendChild(cell("td", value, spec.columns[i][0]));
      });
    });
    holder.appendChild(table);
    if (spec.constants.length) {
      var note = document.createElement("p");
      note.className = "small";
      note.appendChild(document.createTextNode("Every row: "));
      spec.constants.forEach(function (constant, i) {
        if (i) {
          note.appendChild(document.createTextNode("; "));
        }
        var span = cell("span", constant[2], constant[0]);
        span.className = "data-constant";
        span.insertBefore(document.createTextNode(constant[1] + ": "), span.firstChild);
        note.appendChild(span);
      });
      holder.appendChild(note);
    }
    holder.dataset.drawn = "true";
  };
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.open && details.classList && details.classList.contains("chart-data")) {
      details.querySelectorAll("[data-table]").forEach(window.insightDataTable);
    }
  }, true);
})();
