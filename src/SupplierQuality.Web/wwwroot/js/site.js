// The pages work without this script; it only helps keyboard and screen-reader users.
(function () {
    // After a post the server refused, focus starts on the error summary, so the list of problems is met first. The
    // summary has autofocus; this covers browsers that ignore it on an element that is not a form control, and never
    // takes focus from where the user has already put it.
    var summary = document.querySelector('.error-summary[tabindex]');
    var active = document.activeElement;
    if (summary && (!active || active === document.body)) {
        summary.focus();
    }

    // On a narrow screen a wide table (or preformatted text) scrolls inside itself (site.css): it takes keyboard focus
    // then, so it can be scrolled without a pointer. Only while it does scroll, so no stop is added for nothing.
    function reachScrollingBoxes() {
        document.querySelectorAll('main table, main pre').forEach(function (box) {
            var scrolls = box.scrollWidth > box.clientWidth + 1;
            if (scrolls && !box.hasAttribute('tabindex')) {
                box.setAttribute('tabindex', '0');
                box.setAttribute('data-scroll-focus', '');
            } else if (!scrolls && box.hasAttribute('data-scroll-focus')) {
                box.removeAttribute('tabindex');
                box.removeAttribute('data-scroll-focus');
            }
        });
    }

    reachScrollingBoxes();
    window.addEventListener('resize', reachScrollingBoxes);
})();
