// Enhances <button data-copy="..."> into a copy-to-clipboard button. Without JavaScript the
// value stays readable and selectable next to the button, which is then hidden.
document.querySelectorAll('button[data-copy]').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () {
    var done = function () {
      var label = button.textContent;
      button.textContent = 'Copied';
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(button.getAttribute('data-copy')).then(done);
    }
  });
});
