/** 1999 USD → "$19.99" (integer minor units, as the API gives money). */
export function formatMoney(money: { amountMinor: number; currency: string } | null | undefined): string {
  if (!money) return "–";
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency: money.currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return new Intl.NumberFormat("en", { style: "currency", currency: money.currency }).format(
    money.amountMinor / 10 ** digits,
  );
}
