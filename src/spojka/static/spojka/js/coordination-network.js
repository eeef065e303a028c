// The cooperation network picture: pointing at or focusing an organisation highlights its links;
// Enter, Space or a click shows its numbers beside the picture. Without this file the page shows
// the same picture, static, and the tables below it give every number.
(function () {
  "use strict";
  var picture = document.querySelector(".network__picture");
  var panel = document.getElementById("network-details");
  if (!picture || !panel) {
    return;
  }
  var nodes = Array.prototype.slice.call(picture.querySelectorAll(".network__node"));
  var edges = Array.prototype.slice.call(picture.querySelectorAll(".network__edge"));
  var names = {};
  nodes.forEach(function (node) {
    names[node.getAttribute("data-node")] = node.getAttribute("data-name");
  });
  var selected = null;

  function highlight(id) {
    picture.classList.toggle("is-focused", Boolean(id));
    var neighbours = {};
    edges.forEach(function (edge) {
      var source = edge.getAttribute("data-source");
      var target = edge.getAttribute("data-target");
      var linked = Boolean(id) && (source === id || target === id);
      edge.classList.toggle("is-highlighted", linked);
      if (linked) {
        neighbours[source] = true;
        neighbours[target] = true;
      }
    });
    nodes.forEach(function (node) {
      var nodeId = node.getAttribute("data-node");
      node.classList.toggle("is-highlighted", Boolean(id) && (nodeId === id || neighbours[nodeId] === true));
      node.classList.toggle("is-selected", nodeId === selected);
    });
  }

  function element(tag, text) {
    var item = document.createElement(tag);
    if (text !== undefined) {
      item.textContent = text;
    }
    return item;
  }

  function links(id, outgoing) {
    var list = element("ul");
    edges.forEach(function (edge) {
      var source = edge.getAttribute("data-source");
      var target = edge.getAttribute("data-target");
      if ((outgoing && source === id) || (!outgoing && target === id)) {
        list.appendChild(element("li", names[outgoing ? target : source] + ": " + edge.getAttribute("data-count")));
      }
    });
    return list;
  }

  function show(node) {
    var id = node.getAttribute("data-node");
    selected = id;
    highlight(id);
    panel.textContent = "";
    panel.appendChild(element("h3", node.getAttribute("data-name")));
    panel.appendChild(element("p", node.getAttribute("data-sector")));
    [true, false].forEach(function (outgoing) {
      var list = links(id, outgoing);
      panel.appendChild(element("h4", panel.getAttribute(outgoing ? "data-label-to" : "data-label-from")));
      panel.appendChild(list.children.length ? list : element("p", panel.getAttribute("data-label-none")));
    });
  }

  nodes.forEach(function (node) {
    var id = node.getAttribute("data-node");
    node.addEventListener("mouseenter", function () { highlight(id); });
    node.addEventListener("focus", function () { highlight(id); });
    node.addEventListener("mouseleave", function () { highlight(selected); });
    node.addEventListener("blur", function () { highlight(selected); });
    node.addEventListener("click", function () { show(node); });
    node.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        show(node);
      }
    });
  });
})();
