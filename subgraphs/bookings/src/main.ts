import { runSubgraph } from "@pawgraph/subgraph-kit";
import { bookingsConfigFromEnv, startBookings } from "./app";

runSubgraph("bookings", bookingsConfigFromEnv, startBookings);
