// Shared by every page: highlight the current navigation item and keep the page usable without it.
(function () {
  function mark() {
    var path = location.pathname;
    var links = document.querySelectorAll('.nav a');
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute('href');
      if (href && href !== '/portal/' && path.indexOf(href) === 0) { links[i].parentNode.className = 'on'; }
    }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', mark); } else { mark(); }
})();
