// Pawgraph's offline explorer: GraphiQL on this gateway's /graphql, queries and mutations over HTTP,
// subscriptions over graphql-ws on the same URL. Globals from the UMD bundles the page loads first:
// React, ReactDOM, GraphiQL, graphqlWs. No build step: this file is served as it is.
/* global React, ReactDOM, GraphiQL, graphqlWs */
(function () {
  "use strict";

  var endpoint = new URL("/graphql", window.location.href).href;
  var socketEndpoint = endpoint.replace(/^http/, "ws");

  // The gateway reads the token of a WebSocket from connection_init's payload (`Authorization`,
  // `authorization` or `token`), so the header editor's headers become the connection params. A
  // socket carries one identity: new headers, new socket.
  var current;
  function fetcherFor(headers) {
    var key = JSON.stringify(headers || {});
    if (current && current.key === key) return current.fetcher;
    if (current) current.client.dispose();
    var client = graphqlWs.createClient({ url: socketEndpoint, connectionParams: headers || {}, lazy: true });
    current = { key: key, client: client, fetcher: GraphiQL.createFetcher({ url: endpoint, wsClient: client }) };
    return current.fetcher;
  }

  // GraphiQL's fetcher sends an operation over the socket when `documentAST` says it is a subscription,
  // but GraphiQL hands over the document it last parsed, which lags an edit by a moment: run straight
  // after one, a subscription went to HTTP (which the gateway refuses). So the text sent decides.
  function withDocument(params, options) {
    try {
      return Object.assign({}, options, { documentAST: GraphiQL.GraphQL.parse(params.query) });
    } catch (_error) {
      return options;
    }
  }

  function fetcher(params, options) {
    return fetcherFor(options && options.headers)(params, withDocument(params, options));
  }

  var defaultQuery = [
    "# Pawgraph's GraphiQL, served by the gateway itself: it works without internet.",
    "# Signed in: open Headers below and paste",
    '#   { "Authorization": "Bearer <access token>" }',
    '# (an API key: { "x-api-key": "pk_..." }). Headers are not stored in the browser.',
    "",
    "{ __typename }",
    "",
  ].join("\n");

  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: "headers",
    }),
  );
})();
