import {
  AccessTokenVerifier,
  RevocationList,
  revocationSettingsFromEnv,
  type RevocationSettings,
  startEventConsumers,
  startOutboxRelay,
  SubgraphClient,
  createLogger,
  databaseUrlFor,
  envBool,
  envInt,
  envOptional,
  envString,
  fileStoreSettingsFromEnv,
  gatewaySecretFromEnv,
  openFileStore,
  publicDataVersionRoute,
  startSubgraphServer,
  trackPublicDataVersion,
  stopSubgraph,
  ResolverContainer,
  type FileStoreSettings,
  type GatewaySecretSettings,
  type Logger,
  type RunningSubgraph,
} from "@pawgraph/subgraph-kit";
// The schema first: it fixes the order resolver modules load in, which orders the emitted SDL.
import { buildCatalogSchema } from "./schema";
import { PERSONAL_DATA } from "./personal-data";
import { STOREFRONT_CHANGED } from "./events";
import { CategoryRepository } from "./category/category.repository";
import { CategoryResolver } from "./category/category.resolver";
import { CategoryService } from "./category/category.service";
import { createCatalogContext, type CatalogContext } from "./context";
import { openCatalogDatabase } from "./data-source";
import { PetCatalogResolver } from "./pet/pet-catalog.resolver";
import { RecommendationRepository } from "./pet/recommendation.repository";
import { RecommendationService } from "./pet/recommendation.service";
import { ProductImportResolver } from "./import/import.resolver";
import { ProductImportService } from "./import/import.service";
import { ProductRepository } from "./product/product.repository";
import { ProductImageRepository } from "./product/product-image.repository";
import { ProductImageResolver } from "./product/product-image.resolver";
import { ProductImageService } from "./product/product-image.service";
import { ProductResolver } from "./product/product.resolver";
import { DeliveredPurchaseRepository } from "./review/delivered-purchase.repository";
import { consumeOrderDelivered } from "./review/order-delivered.consumer";
import { ProductReviewsResolver } from "./review/product-reviews.resolver";
import { ReviewRepository } from "./review/review.repository";
import { ReviewResolver } from "./review/review.resolver";
import { ReviewService } from "./review/review.service";
import { VariantRepository } from "./variant/variant.repository";
import { VariantResolver } from "./variant/variant.resolver";
import { SearchRepository } from "./search/search.repository";
import { CategoryFacetResolver, SearchResolver, VendorFacetResolver } from "./search/search.resolver";
import { SearchService } from "./search/search.service";
import { ProductService } from "./product/product.service";
import { VendorProductsResolver } from "./product/vendor-products.resolver";
import { VariantService } from "./variant/variant.service";
import { VendorRepository } from "./vendor/vendor.repository";
import { VendorResolver } from "./vendor/vendor.resolver";
import { VendorFiles } from "./vendor/vendor-files";
import { VendorOnboardingResolver } from "./vendor/vendor-onboarding.resolver";
import { VendorService } from "./vendor/vendor.service";
import { StockInternalResolver } from "./internal/stock-internal.resolver";
import { OrderableVariantResolver } from "./internal/orderable-variant";
import { RecommendationCandidatesResolver } from "./internal/recommendation-candidates";
import { startStockSweeper } from "./stock/stock-sweeper";
import { StockRepository } from "./stock/stock.repository";
import { StockResolver } from "./stock/stock.resolver";
import { StockService, type StockSettings } from "./stock/stock.service";
import { StockVendorService } from "./stock/stock-vendor.service";
import { VariantStockResolver } from "./stock/variant-stock.resolver";

export interface CatalogConfig {
  port: number;
  databaseUrl: string;
  jwksUrl: string;
  /** identity's revocation log, polled so revoked tokens stop within seconds (env `IDENTITY_URL`, `REVOCATION_POLL_MS`). */
  revocations: RevocationSettings;
  /** Shared with the gateway and the other subgraphs: required of incoming calls, sent on outgoing ones. */
  gatewaySecret: GatewaySecretSettings;
  /** ehr's GraphQL URL: asked (with the viewer's token) which prescriptions a pet holds. */
  ehrUrl: string;
  redisUrl?: string;
  relayEnabled: boolean;
  /** Consume other subgraphs' events (orders' order.delivered, which lets buyers review); on by default. */
  consumeEvents: boolean;
  /** Vendor logos and documents, product images and CSV imports: S3 or local disk (`S3_*`, `CATALOG_PUBLIC_URL`, `ATTACHMENT_MAX_BYTES`). */
  files: FileStoreSettings;
  /** Reservation lifetimes (env `STOCK_RESERVATION_TTL_SECONDS`, `STOCK_EXTENSION_TTL_SECONDS`). */
  stock: StockSettings;
  /** How often expired reservations are swept (env `STOCK_SWEEP_INTERVAL_MS`; 0 turns the sweeper off). */
  stockSweepIntervalMs: number;
  log: Logger;
}

export function catalogConfigFromEnv(): CatalogConfig {
  return {
    /** Listening port (env `PORT`, else `CATALOG_PORT`; 4005). */
    port: envInt("PORT", envInt("CATALOG_PORT", 4005)),
    databaseUrl: databaseUrlFor("catalog"),
    jwksUrl: envString("IDENTITY_JWKS_URL", "http://localhost:4001/.well-known/jwks.json"),
    revocations: revocationSettingsFromEnv(),
    gatewaySecret: gatewaySecretFromEnv(),
    ehrUrl: envString("EHR_URL", "http://localhost:4003/graphql"),
    /** Redis (env `REDIS_URL`) for the event streams and, where the subgraph has them, subscription fan-out and rate limits; unset, events go through Postgres. */
    redisUrl: envOptional("REDIS_URL"),
    relayEnabled: envBool("OUTBOX_RELAY_ENABLED", true),
    consumeEvents: envBool("EVENT_CONSUMERS_ENABLED", true),
    files: fileStoreSettingsFromEnv("catalog"),
    stock: {
      reservationTtlSeconds: envInt("STOCK_RESERVATION_TTL_SECONDS", 900),
      extensionTtlSeconds: envInt("STOCK_EXTENSION_TTL_SECONDS", 900),
    },
    stockSweepIntervalMs: envInt("STOCK_SWEEP_INTERVAL_MS", 60_000),
    log: createLogger("catalog"),
  };
}

/**
 * Composition root: config → database → repositories → services → resolvers → server. The one place
 * that knows every class: each gets its collaborators here, by constructor (docs/decisions/0028).
 */
export async function startCatalog(config: CatalogConfig): Promise<RunningSubgraph> {
  const { dataSource: db, sql } = await openCatalogDatabase(config.databaseUrl, config.log);
  const repositories = {
    vendors: new VendorRepository(db),
    categories: new CategoryRepository(db),
    products: new ProductRepository(db),
    variants: new VariantRepository(db),
    recommendations: new RecommendationRepository(db),
    reviews: new ReviewRepository(db),
    deliveredPurchases: new DeliveredPurchaseRepository(db),
    stock: new StockRepository(db),
  };
  const ehr = new SubgraphClient("ehr", config.ehrUrl, config.gatewaySecret.secret);
  const reviews = new ReviewService(db, repositories.reviews, repositories.deliveredPurchases);
  const files = await openFileStore(config.files, "catalog");
  const vendorService = new VendorService(
    db,
    repositories.vendors,
    new VendorFiles(files.store, config.files.maxBytes),
  );
  const products = new ProductService(db, repositories.products, repositories.variants);
  const images = new ProductImageService(new ProductImageRepository(db), products, files.store);
  const stock = new StockService(repositories.stock, config.stock);
  const resolvers = new ResolverContainer([
    new PetCatalogResolver(new RecommendationService(repositories.recommendations, ehr)),
    new ReviewResolver(reviews),
    new ProductReviewsResolver(reviews),
    new SearchResolver(new SearchService(new SearchRepository(db))),
    new CategoryFacetResolver(),
    new VendorFacetResolver(),
    new VendorResolver(repositories.vendors, vendorService),
    new CategoryResolver(repositories.categories, new CategoryService(repositories.categories)),
    new ProductResolver(products),
    new VariantResolver(new VariantService(db, repositories.variants, products)),
    new VendorOnboardingResolver(vendorService),
    new VendorProductsResolver(products),
    new ProductImageResolver(images),
    new ProductImportResolver(
      new ProductImportService(
        products,
        repositories.products,
        repositories.variants,
        repositories.categories,
        files.store,
      ),
    ),
    new StockResolver(new StockVendorService(repositories.stock)),
    new VariantStockResolver(),
    new StockInternalResolver(stock),
    new OrderableVariantResolver(repositories.variants),
    new RecommendationCandidatesResolver(repositories.recommendations),
  ]);
  const running = await startSubgraphServer<CatalogContext>(
    {
      name: "catalog",
      schema: await buildCatalogSchema(resolvers),
      log: config.log,
      verifier: AccessTokenVerifier.fromJwksUrl(
        config.jwksUrl,
        RevocationList.overHttp(config.revocations, config.log),
        config.log,
      ),
      gatewaySecret: config.gatewaySecret,
      // Anonymous shoppers' queries are answered with their @cacheControl hints (docs/decisions/0030).
      cacheHints: true,
      createContext: (base) => createCatalogContext(base, repositories),
      ready: async () => {
        await db.query("SELECT 1");
      },
      routes: (app) => {
        files.routes(app);
        // Polled by the gateway, whose cache of anonymous answers is keyed by it (docs/decisions/0054).
        publicDataVersionRoute(app, {
          dataSource: db,
          schema: "catalog",
          gatewaySecret: config.gatewaySecret.secret,
          log: config.log,
        });
      },
    },
    config.port,
  );
  files.listening(running.port);
  const relay = await startOutboxRelay({
    dataSource: db,
    schema: "catalog",
    redisUrl: config.redisUrl,
    enabled: config.relayEnabled,
    log: config.log,
  });
  const consumers = await startEventConsumers({
    databaseUrl: config.databaseUrl,
    schema: "catalog",
    redisUrl: config.redisUrl,
    enabled: config.consumeEvents,
    log: config.log,
    subscribe: (bus, events) =>
      Promise.all([
        consumeOrderDelivered(bus, events, repositories.deliveredPurchases),
        trackPublicDataVersion(bus, events, { schema: "catalog", eventType: STOREFRONT_CHANGED.type }),
      ]),
    privacy: { registry: PERSONAL_DATA },
  });
  const sweeper = startStockSweeper(stock, config.stockSweepIntervalMs, config.log);
  return {
    ...running,
    name: "catalog",
    sql,
    stop: () =>
      stopSubgraph(running, config.log, [
        ["event consumers", () => consumers.stop()],
        ["outbox relay", () => relay.stop()],
        ["stock sweeper", () => sweeper.stop()],
        ["database pool", () => db.destroy()],
      ]),
  };
}
