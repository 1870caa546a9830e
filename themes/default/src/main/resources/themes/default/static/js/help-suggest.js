// Suggests help articles while someone types: an <input> or <textarea data-help-suggest> (optionally
// data-help-product="prd_...") gets a polite live list of links under it, from /help/suggest. Without
// JavaScript nothing changes: the form still submits, and /help/search finds the same articles.
document.querySelectorAll('[data-help-suggest]').forEach(function (field) {
  var box = document.createElement('div');
  box.className = 'help-suggestions';
  box.setAttribute('aria-live', 'polite');
  field.insertAdjacentElement('afterend', box);
  var timer = null;
  var last = '';
  field.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = field.value.trim();
      if (q === last) { return; }
      last = q;
      if (q.length < 3) { box.replaceChildren(); return; }
      var url = '/help/suggest?q=' + encodeURIComponent(q.slice(0, 500));
      var product = field.getAttribute('data-help-product');
      if (product) { url += '&product=' + encodeURIComponent(product); }
      fetch(url, { headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : { data: [] }; })
        .then(function (body) {
          if (field.value.trim() !== q) { return; } // typed on meanwhile
          box.replaceChildren();
          if (!body.data.length) { return; }
          var p = document.createElement('p');
          p.textContent = 'These articles may answer it:';
          var ul = document.createElement('ul');
          body.data.forEach(function (hit) {
            var li = document.createElement('li');
            var a = document.createElement('a');
            a.href = hit.url; // a path on this shop, from the server
            a.textContent = hit.title; // text, never HTML
            li.appendChild(a);
            ul.appendChild(li);
          });
          box.append(p, ul);
        })
        .catch(function () { box.replaceChildren(); });
    }, 300);
  });
});
