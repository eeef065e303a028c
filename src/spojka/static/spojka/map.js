// The portal's map of search results: an enhancement of the list, drawn only when Leaflet,
// a tile server and markers are all there. Markers come from a JSON script element; the
// marker icons are given explicitly because static file names are hashed.
(function () {
  "use strict";

  function draw() {
    var element = document.getElementById("portal-map");
    var data = document.getElementById("portal-markers");
    if (!element || !data || typeof window.L === "undefined") {
      return;
    }
    var markers;
    try {
      markers = JSON.parse(data.textContent || "[]");
    } catch (error) {
      return;
    }
    var tiles = element.getAttribute("data-tile-url");
    if (!tiles || !markers.length) {
      return;
    }
    var L = window.L;
    var icon = L.icon({
      iconUrl: element.getAttribute("data-icon"),
      iconRetinaUrl: element.getAttribute("data-icon-retina"),
      shadowUrl: element.getAttribute("data-shadow"),
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41]
    });
    element.classList.add("portal-map--drawn");
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(tiles, {
      maxZoom: 18,
      attribution: element.getAttribute("data-attribution") || ""
    }).addTo(map);
    var bounds = [];
    markers.forEach(function (marker) {
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = marker.url;
      link.textContent = marker.name;
      popup.appendChild(link);
      if (marker.address) {
        var address = document.createElement("div");
        address.textContent = marker.address;
        popup.appendChild(address);
      }
      L.marker([marker.lat, marker.lon], { icon: icon, title: marker.name, alt: marker.name })
        .bindPopup(popup)
        .addTo(map);
      bounds.push([marker.lat, marker.lon]);
    });
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
