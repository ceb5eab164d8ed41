import type { ContainerType } from "type-graphql";

/**
 * Hands type-graphql the resolver instances the composition root built, so a resolver gets its
 * services through its constructor (`new PetResolver(pets, grants)`) rather than from the request
 * context, which would make the context a service locator and tie every resolver to every service.
 *
 * type-graphql asks the container for an instance at resolve time, each time a field of that class
 * runs, never while building the schema: a schema built for its SDL alone (`emit-schema`, no database)
 * can pass an empty container. Asking for a class nobody registered is a wiring mistake, so it throws
 * at once, naming the class, rather than doing what type-graphql's default container does (`new
 * Class()` with no arguments, which fails later as "cannot read properties of undefined").
 */
export class ResolverContainer implements ContainerType {
  private readonly instances = new Map<unknown, object>();

  constructor(instances: readonly object[] = []) {
    for (const instance of instances) {
      if (this.instances.has(instance.constructor))
        throw new Error(`ResolverContainer: ${instance.constructor.name} was registered twice`);
      this.instances.set(instance.constructor, instance);
    }
  }

  get(someClass: unknown): object {
    const instance = this.instances.get(someClass);
    if (!instance) {
      const name = typeof someClass === "function" ? someClass.name : String(someClass);
      throw new Error(
        `ResolverContainer: no instance of ${name} was registered; construct it in the composition root (app.ts) and pass it to the schema`,
      );
    }
    return instance;
  }
}
