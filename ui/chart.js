// A plotly chart drawn with a partial plotly.js bundle (see ui/chart.py and ui/plotly_js/README.md).
// data: {spec: figure JSON string, template: layout template, src: bundle URL, height, config, select}
// A click on a point sends a one-shot "select" trigger: {points: [{curve_number, point_index, x, y, customdata...}]}.

function loadPlotly(src) {
  const loaded = (window.__veillePlotly = window.__veillePlotly || {});
  if (!loaded[src]) {
    // one bundle at a time, in the order the charts asked: the page's first chart waits for its
    // own bundle only, never for a larger one a later chart needs
    const previous = window.__veillePlotlyLast || Promise.resolve();
    loaded[src] = window.__veillePlotlyLast = previous.catch(() => null).then(() => new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.async = true;
      // the load event fires right after the script ran: window.Plotly is this bundle's
      script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error("no Plotly in " + src)));
      script.onerror = () => reject(new Error("could not load " + src));
      document.head.appendChild(script);
    }));
  }
  return loaded[src];
}

function pointOf(p) {
  const out = {curve_number: p.curveNumber, point_number: p.pointNumber, point_index: p.pointIndex, x: p.x, y: p.y};
  if (p.customdata !== undefined) out.customdata = p.customdata;
  if (p.label !== undefined) out.label = p.label;
  if (p.data && p.data.legendgroup) out.legendgroup = p.data.legendgroup;
  return out;
}

function purge(div) {
  if (div.__veille) {
    div.__veille.plotly.purge(div);  // also drops plotly's event listeners
    if (div.__veille.resize) div.__veille.resize.disconnect();
    div.__veille = null;
  }
}

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  const div = parentElement.querySelector(".veille-chart");
  div.style.height = data.height + "px";
  div.__select = data.select ? setTriggerValue : null;  // read at click time: the latest render's
  let alive = true;
  loadPlotly(data.src)
    .then((Plotly) => {
      if (!alive) return;
      if (div.__veille && div.__veille.plotly !== Plotly) purge(div);  // now needs the larger bundle
      const fig = JSON.parse(data.spec);
      const layout = Object.assign({}, fig.layout || {}, {template: data.template, autosize: true});
      delete layout.width;
      return Plotly.react(div, fig.data || [], layout, data.config).then(() => {
        if (div.__veille) return;
        const resize = new ResizeObserver(() => div.__veille && Plotly.Plots.resize(div));
        resize.observe(div);
        div.__veille = {plotly: Plotly, resize};
        div.on("plotly_click", (ev) => {
          if (div.__select && ev && ev.points) div.__select("select", {points: ev.points.map(pointOf)});
        });
      });
    })
    .catch((err) => {
      div.textContent = "This chart could not be drawn: " + err.message;
    });
  return () => {
    alive = false;
    purge(div);
  };
}
