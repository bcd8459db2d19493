/* The map page's district names: drawn over the map as links (MapLibre could draw text itself
   only with fonts from a third-party server), kept in place as the map moves. The names and
   their addresses come in the figure's layout.meta. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  insightMap: {
    drawLabels: function (figure) {
      var tries = 0;
      function draw() {
        var gd = document.querySelector('#map .js-plotly-plot');
        var full = gd && gd._fullLayout;
        var map = full && full.map && full.map._subplot && full.map._subplot.map;
        if (!map) {
          if (tries++ < 100) { window.setTimeout(draw, 100); }
          return;
        }
        var container = map.getContainer();
        var layer = container.querySelector('.map-labels');
        if (!layer) {
          layer = document.createElement('div');
          layer.className = 'map-labels';
          container.appendChild(layer);
        }
        layer.replaceChildren();
        ((gd.layout.meta || {}).district_labels || []).forEach(function (label) {
          var link = document.createElement('a');
          link.className = 'map-label';
          link.href = label.href;
          link.textContent = label.name;
          link.setAttribute('data-lon', label.lon);
          link.setAttribute('data-lat', label.lat);
          link.addEventListener('click', function (event) {
            event.preventDefault();
            window.history.pushState({}, '', link.href);
            window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
          });
          layer.appendChild(link);
        });
        function place() {
          // Centre each name on its point; a name that would cover one already placed moves
          // down below it.
          var placed = [];
          Array.from(layer.querySelectorAll('.map-label')).map(function (link) {
            var point = map.project([+link.getAttribute('data-lon'),
                                     +link.getAttribute('data-lat')]);
            return {link: link, x: point.x - link.offsetWidth / 2,
                    y: point.y - link.offsetHeight / 2, w: link.offsetWidth,
                    h: link.offsetHeight};
          }).sort(function (a, b) { return a.y - b.y; }).forEach(function (box) {
            placed.forEach(function (other) {
              if (box.x < other.x + other.w && other.x < box.x + box.w &&
                  box.y < other.y + other.h && other.y < box.y + box.h) {
                box.y = other.y + other.h + 1;
              }
            });
            placed.push(box);
            box.link.style.transform = 'translate(' + box.x + 'px, ' + box.y + 'px)';
          });
        }
        if (!container.hasAttribute('data-labels-follow')) {
          map.on('move', place);
          map.on('resize', place);
          container.setAttribute('data-labels-follow', '');
          var box = (gd.layout.meta || {}).bounds;
          if (box) {
            map.fitBounds([[box[0], box[1]], [box[2], box[3]]],
                          {padding: {top: 16, right: 16, bottom: 64, left: 16}, animate: false});
          }
        }
        place();
      }
      draw();
      return '';
    }
  }
});
