// A local stand-in for Stripe.js (https://js.stripe.com/<release>/stripe.js), which cannot be loaded from here: the
// browser test serves it in Stripe.js's place. It speaks Stripe.js's API as @stripe/stripe-js and
// @stripe/react-stripe-js use it (Stripe(key), elements({ clientSecret }), create("payment"), mount, events,
// elements.submit(), confirmPayment({ elements, redirect: "if_required" })) and Stripe's REST protocol to the API:
// confirmPayment posts the publishable key, the client secret and the card to
// https://api.stripe.com/v1/payment_intents/<id>/confirm, which the test routes to subgraphs/orders' Stripe
// stand-in. Unlike Stripe's, its card fields are plain inputs in the page rather than in Stripe's iframe.
(function () {
  "use strict";
  const API = "https://api.stripe.com/v1";

  function paymentElement() {
    const listeners = {};
    const emit = (event, payload) => (listeners[event] || []).forEach((handler) => handler(payload));
    let input = null;
    return {
      mount(target) {
        const node = typeof target === "string" ? document.querySelector(target) : target;
        const label = document.createElement("label");
        label.textContent = "Card number";
        input = document.createElement("input");
        input.name = "cardnumber";
        input.autocomplete = "cc-number";
        input.inputMode = "numeric";
        input.addEventListener("input", () =>
          emit("change", {
            elementType: "payment",
            empty: input.value === "",
            complete: input.value.replace(/\s/g, "").length >= 12,
          }),
        );
        label.appendChild(input);
        node.appendChild(label);
        setTimeout(() => emit("ready", { elementType: "payment" }), 0);
      },
      on(event, handler) {
        (listeners[event] = listeners[event] || []).push(handler);
        return this;
      },
      off(event, handler) {
        listeners[event] = (listeners[event] || []).filter((h) => h !== handler);
        return this;
      },
      update() {},
      focus() {
        if (input) input.focus();
      },
      blur() {},
      clear() {
        if (input) input.value = "";
      },
      collapse() {},
      unmount() {
        if (input && input.parentNode) input.parentNode.remove();
      },
      destroy() {
        this.unmount();
      },
      cardNumber: () => (input ? input.value : ""),
    };
  }

  function elementsGroup(options) {
    const created = {};
    return {
      clientSecret: options && options.clientSecret,
      create(type) {
        created[type] = paymentElement();
        return created[type];
      },
      getElement: (type) => created[type] || null,
      update() {},
      fetchUpdates: async () => ({}),
      submit: async () => {
        const element = created.payment;
        if (!element || element.cardNumber().replace(/\s/g, "") === "")
          return {
            error: { type: "validation_error", code: "incomplete_number", message: "Your card number is incomplete." },
          };
        return {};
      },
    };
  }

  function Stripe(publishableKey) {
    if (!(this instanceof Stripe)) return new Stripe(publishableKey);
    const notHere = async () => ({
      error: { type: "invalid_request_error", message: "Not in the Stripe.js stand-in." },
    });
    this._registerWrapper = () => undefined;
    this.registerAppInfo = () => undefined;
    this.elements = (options) => elementsGroup(options);
    this.createToken = notHere;
    this.createPaymentMethod = notHere;
    this.confirmCardPayment = notHere;
    this.confirmPayment = async ({ elements, clientSecret, confirmParams }) => {
      const secret = clientSecret || elements.clientSecret;
      const id = secret.split("_secret_")[0];
      const body = new URLSearchParams({
        key: publishableKey,
        client_secret: secret,
        "payment_method_data[type]": "card",
        "payment_method_data[card][number]": elements.getElement("payment").cardNumber(),
        ...(confirmParams && confirmParams.return_url ? { return_url: confirmParams.return_url } : {}),
      });
      const response = await fetch(`${API}/payment_intents/${id}/confirm`, { method: "POST", body });
      const answer = await response.json();
      return answer.error ? { error: answer.error } : { paymentIntent: answer };
    };
  }
  Stripe.version = "endive";
  window.Stripe = Stripe;
})();
