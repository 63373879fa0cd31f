// The TuneMeld page: reads everything from the GraphQL API of this same server.
"use strict";

const SERVICES = { SPOTIFY: "Spotify", APPLE_MUSIC: "Apple Music", SOUNDCLOUD: "SoundCloud", YOUTUBE: "YouTube", LASTFM: "Last.fm" };

const GENRE_QUERY = `query($genre: String!) {
  genre(name: $genre) {
    name updatedAt
    aggregate { genre computedAt entries(limit: 100) {
      rank movement previousRank serviceCount
      track { key title artist artworkUrl spotifyUrl appleMusicUrl soundcloudUrl youtubeUrl
        viewCounts { service current weeklyChange history(days: 30) { date count } alerts(days: 7) { date kind delta } }
        details { releaseDate durationMs genres albumRating { url criticScore userScore } } } } }
    playlists { service name url coverUrl length entries(limit: 100) { position playCount track { title artist } } }
  }
}`;

async function graphql(query, variables) {
  const response = await fetch("graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const result = await response.json();
  if (result.errors) {
    throw new Error(result.errors.map(e => e.message).join("; "));
  }
  return result.data;
}

// links and images come from the services' payloads: only web addresses become href or src
// (the normalizer keeps no others; this holds even for a read model written before it did)
const URL_ATTRIBUTES = new Set(["href", "src"]);

function webUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, given] of Object.entries(attributes)) {
    const value = URL_ATTRIBUTES.has(name) && given !== null && given !== undefined ? webUrl(given) : given;
    if (value !== null && value !== undefined) {
      node.setAttribute(name, value);
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child);
    }
  }
  return node;
}

function movement(entry) {
  switch (entry.movement) {
    case "UP": return `▲ ${entry.previousRank - entry.rank}`;
    case "DOWN": return `▼ ${entry.rank - entry.previousRank}`;
    case "NEW": return "NEW";
    case "RE_ENTRY": return "RE-ENTRY";
    case "SAME": return "=";
    default: return "";
  }
}

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

/** A small line chart of the daily counts. */
function sparkline(history) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("width", "80");
  svg.setAttribute("height", "20");
  svg.setAttribute("class", "trend");
  if (history.length > 1) {
    const counts = history.map(day => day.count);
    const low = Math.min(...counts), span = Math.max(...counts) - low || 1;
    const points = counts.map((count, i) => `${(i * 78 / (counts.length - 1) + 1).toFixed(1)},${(19 - (count - low) * 18 / span).toFixed(1)}`);
    const line = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
    line.setAttribute("points", points.join(" "));
    line.setAttribute("fill", "none");
    line.setAttribute("stroke", "#0b5cad");
    line.setAttribute("stroke-width", "1.5");
    svg.append(line);
  }
  return svg;
}

function views(track) {
  const cell = element("td", { class: "views" });
  for (const count of track.viewCounts) {
    const week = count.weeklyChange === null ? "" : ` (${count.weeklyChange >= 0 ? "+" : ""}${compact.format(count.weeklyChange)} this week)`;
    cell.append(element("div", { "data-service": count.service },
        `${SERVICES[count.service]}: ${compact.format(count.current)}`, element("span", { class: "week" }, week),
        sparkline(count.history), ...count.alerts.slice(-1).map(alert)));
  }
  return cell;
}

// the latest flagged day of the last week: a spike or a drop of the daily views
function alert(flagged) {
  const spike = flagged.kind === "SPIKE";
  return element("span", { class: `alert ${spike ? "spike" : "drop"}`, title: `${flagged.date}: ${compact.format(flagged.delta)} views that day` },
      spike ? "\u25B2 spike" : "\u25BC drop");
}

// what the enrichment found: release year, duration, genres (nothing until the track is enriched)
function details(track) {
  if (!track.details) {
    return null;
  }
  const parts = [];
  if (track.details.releaseDate) {
    parts.push(track.details.releaseDate.substring(0, 4));
  }
  if (track.details.durationMs) {
    const seconds = Math.round(track.details.durationMs / 1000);
    parts.push(`${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`);
  }
  parts.push(...track.details.genres.slice(0, 3));
  const rated = rating(track.details.albumRating);
  if (!parts.length && !rated) {
    return null;
  }
  return element("div", { class: "details" }, parts.join(" · "), rated && parts.length ? " · " : "", rated);
}

// the album's scores on albumoftheyear.org, linked to its page there
function rating(album) {
  if (!album || (album.criticScore == null && album.userScore == null)) {
    return null;
  }
  const scores = [];
  if (album.criticScore != null) {
    scores.push(`critics ${Math.round(album.criticScore)}`);
  }
  if (album.userScore != null) {
    scores.push(`users ${Math.round(album.userScore)}`);
  }
  return element("a", { class: "rating", href: album.url, target: "_blank", rel: "noopener", title: "albumoftheyear.org" },
      `album: ${scores.join(", ")}`);
}

function links(track) {
  const cell = element("td", { class: "links" });
  const urls = { SPOTIFY: track.spotifyUrl, APPLE_MUSIC: track.appleMusicUrl, SOUNDCLOUD: track.soundcloudUrl, YOUTUBE: track.youtubeUrl };
  for (const [service, url] of Object.entries(urls)) {
    if (url) {
      cell.append(element("a", { href: url, target: "_blank", rel: "noopener", "data-service": service }, SERVICES[service]));
    }
  }
  return cell;
}

function renderAggregate(genre) {
  const section = document.getElementById("aggregate-section");
  const table = document.getElementById("aggregate");
  const body = table.querySelector("tbody");
  body.replaceChildren();
  section.hidden = !genre.aggregate;
  if (!genre.aggregate) {
    return;
  }
  document.getElementById("updated").textContent = `updated ${new Date(genre.updatedAt).toLocaleString()}`;
  for (const entry of genre.aggregate.entries) {
    const track = entry.track;
    body.append(element("tr", { "data-track-key": track.key },
        element("td", { class: "rank" }, String(entry.rank)),
        element("td", { class: `move ${entry.movement || ""}` }, movement(entry)),
        element("td", { class: "art" }, track.artworkUrl ? element("img", { src: track.artworkUrl, alt: "", loading: "lazy" }) : null),
        element("td", {}, element("div", { class: "title" }, track.title), element("div", { class: "artist" }, track.artist),
            details(track)),
        links(track),
        views(track)));
  }
  table.setAttribute("data-genre", genre.name);
}

function renderPlaylists(genre) {
  const container = document.getElementById("playlists");
  container.replaceChildren();
  document.getElementById("playlists-section").hidden = genre.playlists.length === 0;
  for (const playlist of genre.playlists) {
    // the service's name, then the playlist's own name (or just "playlist") linked to its page when known
    const label = playlist.name || (playlist.url ? "playlist" : null);
    const title = label && playlist.url ? element("a", { href: playlist.url, target: "_blank", rel: "noopener" }, label) : label;
    const list = element("ol");
    for (const entry of playlist.entries) {
      // a listener's chart (Last.fm) also says how often the song was played
      const plays = entry.playCount == null ? "" : ` (${compact.format(entry.playCount)} plays)`;
      list.append(element("li", { value: String(entry.position) }, `${entry.track.title} — ${entry.track.artist}${plays}`));
    }
    container.append(element("div", { class: "playlist", "data-service": playlist.service },
        element("h3", {}, playlist.coverUrl ? element("img", { src: playlist.coverUrl, alt: "" }) : null,
            element("span", {}, SERVICES[playlist.service], title ? ": " : "", title, ` (${playlist.length})`)),
        list));
  }
}

let latestRequest = 0;

async function show(name) {
  // a slower answer for an earlier tab must not replace the one asked for last
  const request = ++latestRequest;
  for (const tab of document.querySelectorAll("#genres button")) {
    tab.setAttribute("aria-selected", String(tab.dataset.genre === name));
  }
  const status = document.getElementById("status");
  status.textContent = "Loading…";
  status.hidden = false;
  try {
    const { genre } = await graphql(GENRE_QUERY, { genre: name });
    if (request !== latestRequest) {
      return;
    }
    if (!genre) {
      status.textContent = `Nothing for ${name} yet.`;
      return;
    }
    renderAggregate(genre);
    renderPlaylists(genre);
    status.hidden = true;
    history.replaceState(null, "", `#${encodeURIComponent(name)}`);
  } catch (error) {
    status.textContent = `Could not load ${name}: ${error.message}`;
  }
}

async function start() {
  try {
    const { genres } = await graphql("{ genres }", {});
    const nav = document.getElementById("genres");
    for (const genre of genres) {
      const tab = element("button", { type: "button", "data-genre": genre, role: "tab" }, genre);
      tab.addEventListener("click", () => show(genre));
      nav.append(tab);
    }
    if (genres.length === 0) {
      document.getElementById("status").textContent = "No playlists ingested yet.";
      return;
    }
    const wanted = decodeURIComponent(location.hash.slice(1));
    await show(genres.includes(wanted) ? wanted : genres[0]);
  } catch (error) {
    document.getElementById("status").textContent = `The API did not answer: ${error.message}`;
  }
}

start();
