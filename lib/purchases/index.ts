// lib/purchases: Sales' side of purchased credits (R-BUY-1, R-BUY-2). The ledger itself
// (lib/ledger/purchases.ts) adds the credits; this folder reads and checks what Sales see and type.
//   listCompaniesForSales  companies by name, with time zone, term end and purchase count
//   findCompanyForSales    one company's name, zone and term
//   listPurchases          a company's purchases, newest first, with what remains of each now
//   RecordPurchaseInput    the zod schema of the "Record purchase" form
//   recordSalesPurchase    form times read in the company's zone, purchase and audit in one transaction
//   (datetime-local text in a time zone <-> instants lives in lib/time/local-time.ts)
export { findCompanyForSales, listCompaniesForSales, listPurchases, type PurchaseView, type SalesCompany } from "./queries";
export { type RecordedPurchase, recordSalesPurchase } from "./record";
export { ORDER_REFERENCE_MAX, type RecordPurchaseForm, RecordPurchaseInput, type RecordPurchaseRequest } from "./schema";
