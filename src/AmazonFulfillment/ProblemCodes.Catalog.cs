namespace AmazonFulfillment;

/// <content>The catalog: what each code means, why it happens and what to do (docs/troubleshooting.md is generated from it).</content>
public static partial class ProblemCodes
{
    // One entry per constant, in the order of the constants; a test checks both ways. Summaries start with where the code shows.
    private static ProblemEntry[] Catalog() =>
    [
        new(
            OrderNotTracked,
            "Refused: a shipment, cancellation, retry or sync names an order that is not tracked. Nothing changed.",
            "No observation of the order was applied in this host's order store: the poller has not read it yet, it is an FBA order Amazon has not reported Shipped, the id is mistyped, or the host reads another database.",
            "Check the Amazon order id and the order store the host uses. Let the poller read the order (or fetch it at once with `SellingPartnerOrderPoller.FetchOrderAsync`), then send the input again."),
        new(
            OrderUnfulfillable,
            "Order error: Amazon reports the order Unfulfillable; it is not imported.",
            "A multi-channel fulfilment order that Amazon cannot fulfil.",
            "Handle it in Seller Central; nothing is created in Commerce for it."),
        new(
            OrderCanceledAfterShipment,
            "Order error: Amazon reports the order Canceled, but Commerce shipped a package of it. The confirmations still queued were dropped.",
            "The buyer or Amazon cancelled the order while the parcel was already on its way.",
            "Recover the parcel. Nothing more is sent to Amazon for the order; its packages show `Dropped`."),
        new(
            AmazonStoreNotConfigured,
            "Refused (an input) or thrown (`SyncStoreAsync`, a sweep): the Amazon store named is not one this host runs. Nothing changed.",
            "Snapshots name a store (`AmazonOrderSnapshot.AmazonStore`) that is not in `FulfillmentRuntimeOptions.AmazonStores`, or a store was removed while its orders still had unfinished work.",
            "Add the store with `services.AddAmazonStore(name, settings => …)` (or list it in `FulfillmentRuntimeOptions.AmazonStores` with its named `OrderSettings`), then observe its orders again. See [settings.md](settings.md#several-amazon-stores)."),
        new(
            AmazonStoreChanged,
            "Refused: an observation of a tracked order comes from another Amazon store than the order's. Nothing changed.",
            "Two pollers read the same seller account or marketplace under different store names.",
            "Give each seller account and marketplace one store name, and check which account each store's poller reads. The order keeps its store."),
        new(
            AmazonStoreSettingsMissing,
            "Thrown: an Amazon store this host runs has no order settings.",
            "The store is listed in `FulfillmentRuntimeOptions.AmazonStores`, but no `OrderSettings` of that name were registered.",
            "Register the store with `AddAmazonStore(name, settings => …)`, which lists it and sets its settings together."),
        new(
            AmazonStoreNameInvalid,
            "Thrown (`ArgumentException`): an Amazon store name is invalid, or `AddAmazonStore` was given the default store's name.",
            "A store name is non-blank, at most 100 printable characters, without surrounding white space; `default` is the store `AddAmazonFulfillment` configures.",
            "Use another name. The default store's settings are set by `AddAmazonFulfillment`."),
        new(
            ObservationChannelChanged,
            "Refused: Amazon reports another fulfilment channel for a tracked order. Nothing changed.",
            "An order keeps the channel it was first tracked with; an observation saying the other one usually comes from a poller mapping `FulfillmentChannel` wrongly.",
            "Check the mapping (MFN is Merchant, AFN is Amazon). If the channel really changed, handle the order by hand in Seller Central and Commerce."),
        new(
            WorkflowNotAllowed,
            "Refused: the input is not allowed in the order's state (named in the refusal). Nothing changed.",
            "The workflow graph has no transition for the input from this state ([workflows.md](workflows.md)).",
            "Read the order's state: see [workflows.md](workflows.md) for what each state accepts, and send the input only where it applies."),
        new(
            WorkflowGuardUnmet,
            "Refused: the input needs a condition the order does not meet (named in the refusal, such as *import enabled*). Nothing changed.",
            "The transition exists, but its guard is false for the order under the current settings.",
            "Meet the named condition first (switch the import on, let the import finish), then send the input again."),
        new(
            ShipmentFbaOrder,
            "Refused: a shipment was recorded for an FBA order. Nothing changed.",
            "Amazon ships Fulfilled-by-Amazon orders itself; nothing is confirmed for them.",
            "Do not record shipments for FBA orders (`FulfillmentChannel` AFN); their Commerce order is complete already."),
        new(
            ShipmentImportOff,
            "Refused: a shipment was recorded while `ImportOrders` is off. Nothing changed.",
            "With `ImportOrders` off, the store's orders are only tracked; shipments are managed in Seller Central.",
            "Confirm the shipment in Seller Central, or switch `ImportOrders` on and record the shipment again."),
        new(
            ShipmentPackageIdReused,
            "Refused: a package reference id already recorded was given again with other content (the refusal names the fields that differ). Nothing changed.",
            "A package reference id names one package; only a package Amazon refused may be corrected under its id.",
            "Record the new package under a new `packageReferenceId`. To correct a refused package, keep its items (see `confirmation.refused_by_amazon`)."),
        new(
            ShipmentOrderCanceled,
            "Refused: a shipment was recorded for a cancelled order. Nothing changed.",
            "Amazon, the buyer or the merchant cancelled the order.",
            "Do not ship it; if a parcel already left, recover it."),
        new(
            ShipmentCancellationPending,
            "Refused: a shipment was recorded while the merchant's cancellation waits for Amazon's answer. Nothing changed.",
            "`CancelAsync` asked Amazon to cancel; Amazon has not answered yet (the call is retried, or held by `ReadOnly`).",
            "Wait for Amazon's answer. Ship only if Amazon refuses the cancellation (`cancel.refused_by_amazon`)."),
        new(
            ShipmentImportBlocked,
            "Refused: a shipment was recorded for an order whose import is blocked, so its Commerce order does not exist. Nothing changed.",
            "Commerce or a port refused a step of the import; the order's `Error` says why.",
            "Fix what the order's error names, retry the import (`RetryAsync`), then record the shipment again."),
        new(
            ShipmentNotInCommerce,
            "Refused: a shipment was recorded before the order's Commerce order exists. Nothing changed.",
            "The import has not finished: the order is Pending at Amazon, or its import steps are still queued, held or being retried.",
            "Record the shipment again once the Commerce order exists; see [An import is stuck](#an-import-is-stuck)."),
        new(
            ShipmentShipDateInFuture,
            "Refused: a package's ship date is later than the runtime's clock plus `ShipDateClockSkew` (both named in the refusal). Nothing changed.",
            "A clock running ahead in the system that recorded the shipment, or a date entered in the future.",
            "Check the clocks of Commerce and this host, or raise `ShipDateClockSkew` (at most one day)."),
        new(
            ShipmentItemNotInOrder,
            "Refused: a package lists an order item that is not part of the order (the refusal lists the order's items). Nothing changed.",
            "An order item id of another order, or a Commerce line id given instead of Amazon's `OrderItemId`.",
            "Use the order's own Amazon order item ids, and record the package again."),
        new(
            ShipmentQuantityExceedsRemaining,
            "Refused: a package ships more units of an order item than remain unshipped (both named in the refusal). Nothing changed.",
            "Units shipped by an earlier package, or by Amazon outside Commerce, count against the quantity ordered.",
            "Ship at most the remaining units, and record the package again."),
        new(
            ShipmentCorrectionChangesItems,
            "Refused: the correction of a package Amazon refused changes its items. Nothing changed.",
            "A refused package is corrected under its id; its items are what was shipped and stay as they are.",
            "Change only the carrier, carrier name, shipping method, tracking number or ship date. Other items go in a new package under a new id."),
        new(
            CarrierCodeUnknown,
            "Refused (with `CarrierCheck` = `Refuse`): the package's carrier code is not one of Amazon's codes for the order's marketplace. With `SendAndFlag` the package is sent and its `CarrierWarning` says the same.",
            "A misspelled code, a carrier Amazon lists for other marketplaces only, or a carrier Amazon does not integrate.",
            "Use Amazon's exact code (the refusal suggests the closest), or `carrierCode` Other with the carrier's name in `carrierName`. See [carriers.md](carriers.md)."),
        new(
            CarrierNameRequired,
            "A problem of `CarrierCatalog.Check`: the carrier code is Other and no carrier name is given. A shipment never gets this far: `ShipmentPackage` refuses such a package itself (`input.invalid_package`, field `carrierName`).",
            "Amazon needs the carrier's name when the carrier is not one of its codes.",
            "Give the carrier's name in `carrierName`, or use one of Amazon's carrier codes. See [carriers.md](carriers.md)."),
        new(
            CarrierTrackingNumberInvalid,
            "Refused (with `CarrierCheck` = `Refuse`): the tracking number does not have the layout of the carrier's numbers (the refusal describes it). With `SendAndFlag` the package is sent and flagged.",
            "A mistyped number, or the number of another carrier than the one given.",
            "Check the number, or record the package with the right carrier. See [carriers.md](carriers.md)."),
        new(
            CancelFbaOrder,
            "Refused: the merchant asked to cancel an FBA order. Nothing was sent.",
            "Amazon fulfils FBA orders; the merchant cannot cancel them from Commerce.",
            "Manage the order in Seller Central."),
        new(
            CancelImportOff,
            "Refused: the merchant asked to cancel while `ImportOrders` is off. Nothing was sent.",
            "With `ImportOrders` off, cancellations are managed in Seller Central.",
            "Cancel in Seller Central, or switch `ImportOrders` on and cancel again."),
        new(
            CancelReasonInvalid,
            "Refused: the cancellation reason is missing or not one Amazon accepts (the refusal lists them). Nothing was sent.",
            "Amazon takes a fixed list of reasons, such as `NoInventory`.",
            "Cancel again with one of the reasons listed."),
        new(
            CancelBuyerCanceledWithoutRequest,
            "Refused: the reason `BuyerCanceled` was given, but Amazon reports no cancellation request from the buyer. Nothing was sent.",
            "`BuyerCanceled` is for cancellations the buyer asked for; otherwise it misstates the facts and still counts against the cancellation rate.",
            "Cancel again with the reason that applies, such as `NoInventory`."),
        new(
            CancelNotUnshipped,
            "Refused: the merchant asked to cancel an order that is not Unshipped with nothing shipped (its channel status is named). Nothing was sent.",
            "A merchant cancels from Commerce only before anything ships; Pending, partly shipped, shipped and cancelled orders cannot be.",
            "Nothing to cancel from Commerce; manage the order in Seller Central."),
        new(
            CancelRefusedByAmazon,
            "Order error: Amazon refused the merchant's cancellation. The order stays open on Amazon and in Commerce.",
            "Amazon's answer, quoted in the error (the order shipped meanwhile, or the reason does not apply).",
            "Ship the order, or ask to cancel again."),
        new(
            CancelOvertakenByShipment,
            "Order error: Amazon reported shipped units before the merchant's cancellation was sent; the cancellation was dropped and Commerce was not cancelled.",
            "The order shipped (outside Commerce, or by another package) while the cancellation was queued or held.",
            "Check the order in Seller Central and Commerce; nothing more is needed if it was meant to ship."),
        new(
            RetryImportOff,
            "Refused: the merchant asked to retry an import while `ImportOrders` (or `ImportFbaOrders` for FBA) is off. Nothing changed.",
            "An import is not tried while its channel's import setting is off.",
            "Switch the setting on; held and blocked imports then go on under the usual rules."),
        new(
            RetryConfirmationImportOff,
            "Refused: the merchant asked to send refused confirmations again while `ImportOrders` is off. Nothing was sent.",
            "With `ImportOrders` off, shipments are managed in Seller Central.",
            "Confirm the shipment in Seller Central, or switch `ImportOrders` on and retry."),
        new(
            RetryNothingToRetry,
            "Refused: the merchant asked to retry an order that has neither a blocked import nor a refused confirmation. Nothing changed.",
            "Only a blocked import or a confirmation Amazon refused can be retried; other work is retried by the sweeps on their own.",
            "Nothing to do. If the order looks stuck, see [An import is stuck](#an-import-is-stuck) or [Work is held](#work-is-held)."),
        new(
            ImportHeld,
            "Order note: the import waits because `ImportOrders` (or `ImportFbaOrders` for FBA) is off.",
            "Import steps are queued, but held by the channel's import setting.",
            "Switch the setting on; the next sweep goes on with the import."),
        new(
            ImportRefusedByCommerce,
            "Order error: Commerce refused to create the order; the import is blocked (channel status Error).",
            "The Commerce port's `CreateOrderAsync` answered `Rejected`, with Commerce's reason in the error: an unknown SKU, a disabled product, managed stock out of stock.",
            "Fix the catalog (add the SKU, enable the product, restock), then `RetryAsync`. Until `MaxImportAttempts` automatic attempts are spent, each `SyncAsync` and each newer observation retries on its own."),
        new(
            ImportStepRejected,
            "Order error: fetching the order's items or resolving its customer was rejected; the import is blocked (channel status Error).",
            "`getOrderItems` answered a permanent error (a wrong order id or marketplace, a 4xx), or the customers port refused; the error holds the reason.",
            "Read the reason, fix its cause, then `RetryAsync`. If every import is blocked at once with an authentication reason, the port maps 401/403 to `Rejected` instead of `Transient` ([ports.md](ports.md#result-values-not-exceptions))."),
        new(
            ConfirmationRefusedByAmazon,
            "Order error: Amazon refused the confirmation of a package (channel status Error); the package shows `Failed` with Amazon's reason in `FailureReason`.",
            "Amazon's answer: a carrier, tracking number or ship date it does not take.",
            "Record the package again with the same `packageReferenceId` and the corrected carrier, carrier name, shipping method, tracking number or ship date (not its items), or `RetryAsync` to send it again unchanged. The error clears when every package is confirmed."),
        new(
            ConfirmationNotKeptByAmazon,
            "Order error: Amazon accepted a package's confirmation but did not hold the package when it was read back (`ConfirmationCheckAfter`), after `ConfirmationResends` resends; the package shows `Failed` and `Verification` = `NotOnAmazon`.",
            "Amazon answered success to `confirmShipment` and stored no package (it has happened), again at every resend; or the Amazon port's `GetConfirmedPackagesAsync` does not list packages Amazon holds.",
            "Look the order up in Seller Central. If the package is missing there, `RetryAsync` sends it again (with fresh resends); if it is there, check the port's read-back (2026-01-01 `getOrder` with `includedData=PACKAGES`) and `RetryAsync`, which confirms the same package again without creating a second one."),
        new(
            ConfirmationCheckFailed,
            "Order error: reading the order's packages back from Amazon (`ConfirmationCheckAfter`) failed permanently; the packages were not judged, and the check runs again after `ConfirmationCheckAfter`.",
            "Amazon refused the read (a 4xx from 2026-01-01 `getOrder`, such as an order it does not know in this marketplace), its answer could not be read, or the Amazon port answered in a way its contract does not allow; the error holds the reason.",
            "Read the reason and fix its cause (the application's Orders role, the port's `GetConfirmedPackagesAsync`). Nothing is sent again on a failed read; the error clears at the next read that succeeds."),
        new(
            EffectRejected,
            "Effect failure (in `FulfillmentOrder.Failures`): a Commerce step (complete, mark processing, cancel) was rejected and is not tried again.",
            "The Commerce port answered `Rejected`; the failure keeps its reason.",
            "Do the step by hand in Commerce, and fix the cause the reason names in Commerce or in the port."),
        new(
            PortItemsInvalid,
            "Port answer refused, then recorded as a failure (a blocked import): the Amazon port's order items are missing, hold a missing line, or list an order item twice. The answer was not applied.",
            "A defect in the Amazon port: pages read twice, or a failure answered as a success.",
            "Fix the port (the conformance suites of `AmazonFulfillment.Verification` find this), then `RetryAsync`."),
        new(
            PortItemsLackShippedUnits,
            "Port answer refused, then recorded as a failure: the Amazon port's order items lack units Commerce already shipped. The answer was not applied.",
            "A defect in the Amazon port (a line left out, a quantity cut), or items of another order.",
            "Fix the port, then `RetryAsync`."),
        new(
            PortCustomerIdMissing,
            "Port answer refused, then recorded as a failure (a blocked import): the customers port resolved a customer without an id. The answer was not applied.",
            "A defect in the customers port: `FindCustomerAsync` or `CreateCustomerAsync` answered a success without the customer's id.",
            "Fix the port, then `RetryAsync`."),
        new(
            PortCommerceOrderIncomplete,
            "Port answer refused, then recorded as a failure (a blocked import): the Commerce port created an order without its id, number or status. The answer was not applied.",
            "A defect in the Commerce port's `CreateOrderAsync`.",
            "Fix the port, then `RetryAsync`. Check in Commerce whether the order was created, to avoid a second one."),
        new(
            PortContractBroken,
            "Effect failure (and a blocked import when it was an import step): a port answered in a way its contract does not allow, such as a status that does not exist or a success without its value.",
            "A defect in the port named in the reason.",
            "Fix the port (the conformance suites of `AmazonFulfillment.Verification` find most of these), then `RetryAsync`."),
        new(
            StoreSaveFailed,
            "Thrown (`OrderStoreException`): the order store kept failing to save an order beyond `MaxStoreAttempts`. Nothing of the input was saved; in a batch or sweep the order is skipped and tried again.",
            "The database is down, or refuses a value of the order.",
            "Look at the store's and the database's own errors (event 8 names the exception type). Sending the input again is safe once the store works."),
        new(
            StoreConflictRetriesExhausted,
            "Thrown (`OrderConflictException`): an input kept losing against concurrent writers of the same order beyond `MaxConflictRetries`. Nothing of it was saved.",
            "Other hosts or processes wrote the order at the same time, again and again.",
            "Send the input again: every input is idempotent. If it repeats, check that only one poller runs per seller and that no process writes the order in a loop. See [Conflicts and store failures](#conflicts-and-store-failures)."),
        new(
            StoreDocumentInvalid,
            "Thrown (`JsonException`) while reading an order: its stored document is not an order, or a value in it no longer validates. The order fails every sweep (`ProcessResult.FailureCode`); the others go on.",
            "The row was edited by hand, or written by an incompatible version.",
            "`ProcessResult.Exception` names the value at fault; fix the document in the store. Do not delete a row with an outbox: confirmations not yet sent would be lost."),
        new(
            StoreShipByIndexMissing,
            "Thrown (`NotSupportedException`): the order store cannot list orders by ship-by deadline.",
            "The store does not implement `IShipByIndex`.",
            "Use a store that does (in-memory, PostgreSQL, EF Core), or implement `IShipByIndex` in yours."),
        new(
            StoreModelNotMapped,
            "Thrown (`InvalidOperationException`): the EF Core context does not map the library's tables.",
            "`modelBuilder.AddAmazonFulfillment()` is not called in the context's `OnModelCreating`.",
            "Call it there, then create or migrate the tables."),
        new(
            StoreProviderNotPostgreSql,
            "Thrown (`InvalidOperationException`): the claiming EF Core order store runs on another database than PostgreSQL.",
            "Its claims and leases use PostgreSQL's SQL.",
            "Use the PostgreSQL provider (Npgsql), or the plain EF Core store on other databases."),
        new(
            SettingsOrderSettingsInvalid,
            "Thrown at start-up (`OptionsValidationException`) or when the runtime reads them (`ArgumentException`): order settings are invalid. One message lists every problem, each naming the setting and its value.",
            "A required setting is missing (such as `StoreView`) or a value is out of range.",
            "Correct every setting listed; see [settings.md](settings.md)."),
        new(
            SettingsOptionsInvalid,
            "Thrown at start-up (`OptionsValidationException`) or by a constructor (`ArgumentException`): options of the runtime, an order store, the SP-API client or the poller are invalid. One message lists every problem.",
            "A required option is missing, or a value is out of range.",
            "Correct every option listed."),
        new(
            SettingsPortsMissing,
            "Thrown at start-up: a port the runtime needs is not registered (the message names it).",
            "`IAmazonOrdersPort`, `ICommerceOrdersPort` or `ICustomersPort` has no registration.",
            "Register your implementation of each port named (see [ports.md](ports.md)), or the SP-API client's port for Amazon."),
        new(
            SettingsCarrierCatalogInvalid,
            "Thrown (`ArgumentException`): a carrier catalog given to the library is not valid (the message names the entry at fault).",
            "Invalid JSON, a blank or duplicate code, a name naming two carriers, an unknown or invalid tracking format.",
            "Correct the catalog; see [carriers.md](carriers.md)."),
        new(
            InputOrderIdMissing,
            "Thrown (`ArgumentException`): an Amazon order id is the default (empty) value.",
            "An `AmazonOrderId` was declared but never parsed.",
            "Create ids with `AmazonOrderId.Parse` or `TryCreate`."),
        new(
            InputInvalidValue,
            "Thrown (`ArgumentException`): a value given to the library fails its rules; the parameter name names the field, the message what is wrong.",
            "An id, SKU, marketplace id, amount, email or other value in a format the library does not take.",
            "Validate untrusted input with the value's `TryCreate` (a result naming the field, no exception) and refuse it at the boundary."),
        new(
            InputInvalidSnapshot,
            "Thrown (`ArgumentException`): an Amazon order snapshot fails its rules (the parameter names the field).",
            "A status or channel that does not exist, a last update before the purchase, a missing or repeated item.",
            "Fix the mapping from Amazon's payload; `AmazonOrderSnapshot.TryCreate` refuses without an exception."),
        new(
            InputInvalidPackage,
            "Thrown (`ArgumentException`): a shipment package fails its rules (the parameter names the field).",
            "A blank carrier code or tracking number, no items, a quantity below one, an order item listed twice.",
            "Fix the package in Commerce; `ShipmentPackage.TryCreate` refuses without an exception."),
        new(
            SpApiPayloadInvalid,
            "Thrown (`SellingPartnerFormatException`): an SP-API payload cannot be mapped; `Field` names the field and, when known, `AmazonOrderId` the order. The SP-API client answers it as `Rejected` with this code in the reason: a page of orders stalls the poller (event 113), an order's items block its import.",
            "Malformed JSON, a missing required field, an unknown status, a bad amount or quantity.",
            "Look at the field named. The poller skips nothing silently: it reads the page again each cycle; see [A page of orders stalls](#a-page-of-orders-stalls). Report a payload Amazon documents that is refused."),
        new(
            UsageInvalidArgument,
            "Thrown (`ArgumentException`, `ArgumentOutOfRangeException`): a method was called with an argument its contract forbids (the parameter names it).",
            "A defect in the calling code.",
            "Fix the call; the method's documentation lists what it takes."),
        new(
            UsageInvalidOperation,
            "Thrown (`InvalidOperationException`): a method was called in a state that does not allow it.",
            "A defect in the calling code, such as reading the value of an invalid result.",
            "Fix the call; the method's documentation says when it applies."),
        new(
            InternalInvariantBroken,
            "Thrown (`InvalidOperationException`): an invariant of the library itself does not hold.",
            "A defect in the library.",
            "Report it with the message; no buyer data is in it."),
    ];
}
