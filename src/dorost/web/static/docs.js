// Renders /openapi.json as a readable page, with no external resources.
"use strict";

function schemaName(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.type === "array") return "array of " + schemaName(schema.items);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  return schema.type || "object";
}

function schemaTable(schema) {
  const required = new Set(schema.required || []);
  const table = el("table", {}, el("thead", {}, el("tr", {},
    el("th", { text: "field" }), el("th", { text: "type" }), el("th", { text: "meaning" }))));
  const body = el("tbody");
  for (const [name, property] of Object.entries(schema.properties || {})) {
    const meaning = (property.description || "") + (property.default !== undefined
      ? " Default: " + JSON.stringify(property.default) + "." : "");
    body.append(el("tr", {}, el("td", {}, el("code", { text: name + (required.has(name) ? " *" : "") })),
      el("td", { text: schemaName(property) }), el("td", { text: meaning })));
  }
  table.append(body);
  return table;
}

function endpoint(path, method, operation) {
  const box = el("div", { class: "endpoint", id: operation.operationId || path });
  box.append(el("h3", {}, el("span", { class: "method " + method, text: method.toUpperCase() }),
    el("code", { class: "path", text: path }), " — " + (operation.summary || "")));
  if (operation.description) box.append(el("p", { text: operation.description }));
  const list = el("dl");
  if (operation.requestBody) {
    for (const [type, content] of Object.entries(operation.requestBody.content)) {
      list.append(el("dt", { text: "Request body (" + type + "): " + schemaName(content.schema) }));
      if (content.example) list.append(el("dd", {}, el("pre", { text: JSON.stringify(content.example, null, 2) })));
    }
  }
  list.append(el("dt", { text: "Responses" }));
  for (const [status, response] of Object.entries(operation.responses)) {
    const content = response.content && response.content["application/json"];
    const type = content ? " → " + schemaName(content.schema) : "";
    list.append(el("dd", {}, el("strong", { text: status }), " " + response.description + type));
  }
  box.append(list);
  return box;
}

async function main() {
  const response = await fetch("/openapi.json");
  const spec = await response.json();
  document.getElementById("intro").textContent = spec.info.description + " (version " + spec.info.version + ")";
  const origin = window.location.origin;
  document.getElementById("example-fix").textContent =
    "curl -s " + origin + "/api/fix -H 'Content-Type: application/json' \\\n" +
    "  -d '{\"text\": \"اين كتاب &ndash; بسيار خوب است .\", \"options\": {\"digits\": \"persian\"}}'";
  document.getElementById("example-pdf").textContent =
    "curl -s " + origin + "/api/fix-pdf -F file=@article.pdf -F 'options={\"diacritics\": \"remove\"}' -F pages=1-3";
  const paths = document.getElementById("paths");
  paths.append(el("h2", { text: "Endpoints" }));
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) paths.append(endpoint(path, method, operation));
  }
  const schemas = document.getElementById("schemas");
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    schemas.append(el("h3", { id: "schema-" + name, text: name }));
    if (schema.description) schemas.append(el("p", { text: schema.description }));
    if (schema.properties) schemas.append(schemaTable(schema));
  }
  const health = await (await fetch("/api/health")).json();
  document.getElementById("limits").append(el("h2", { text: "This server's limits" }),
    el("pre", { text: JSON.stringify(health.limits, null, 2) }));
}

main().catch((error) => {
  document.getElementById("intro").textContent = "Could not load /openapi.json: " + error.message;
});
