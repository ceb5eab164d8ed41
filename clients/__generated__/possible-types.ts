
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "AddScheduleOverrideResult": [
      "BookingsInTheWayError",
      "ScheduleOverrideAdded"
    ],
    "AddVendorStaffResult": [
      "LastVendorAdminError",
      "NoVerifiedAccountError",
      "VendorStaffMember"
    ],
    "ApplyAsVendorResult": [
      "VendorApplication",
      "VendorSlugTakenError"
    ],
    "CancelBookingResult": [
      "Booking",
      "CancellationWindowClosedError"
    ],
    "CarePlanChangeResult": [
      "CarePlan",
      "CarePlanStateError"
    ],
    "ChangePasswordResult": [
      "AuthPayload",
      "IncorrectPasswordError"
    ],
    "ConfirmBookingResult": [
      "Booking",
      "HoldExpiredError",
      "SlotTakenError"
    ],
    "ConfirmTotpEnrolmentResult": [
      "InvalidMfaCodeError",
      "RecoveryCodes"
    ],
    "CreateCarePlanResult": [
      "CarePlanCreated",
      "CarePlanLineUnavailableError",
      "CarePlanOutOfStockError",
      "CarePlanPrescriptionRequiredError",
      "CarePlanShippingMethodRequiredError"
    ],
    "CreateCouponResult": [
      "Coupon",
      "CouponCodeTakenError"
    ],
    "CreatePetResult": [
      "MicrochipTakenError",
      "Pet"
    ],
    "DisableTotpResult": [
      "InvalidMfaCodeError",
      "TwoFactorDisabled"
    ],
    "HealthRecord": [
      "Allergy",
      "ClinicalAlert",
      "HomeNote",
      "LabResult",
      "Medication",
      "MedicationDispensing",
      "Vaccination",
      "Visit"
    ],
    "HoldSlotResult": [
      "SlotHold",
      "SlotTakenError",
      "SlotUnavailableError",
      "TooManyHoldsError"
    ],
    "LinkSocialIdentityResult": [
      "AccountLockedError",
      "AuthPayload",
      "MfaRequired"
    ],
    "LoginResult": [
      "AccountLockedError",
      "AuthPayload",
      "InvalidCredentialsError",
      "MfaRequired"
    ],
    "PlaceOrderResult": [
      "CheckoutRequiredError",
      "CouponUnavailableError",
      "OrderPlaced"
    ],
    "PublishProductResult": [
      "Product",
      "ProductNotPublishableError"
    ],
    "RegenerateRecoveryCodesResult": [
      "InvalidMfaCodeError",
      "RecoveryCodes"
    ],
    "RemoveVendorStaffResult": [
      "LastVendorAdminError",
      "VendorStaffRemoved"
    ],
    "RescheduleBookingResult": [
      "Booking",
      "CancellationWindowClosedError",
      "SlotTakenError",
      "SlotUnavailableError"
    ],
    "ReviewProductResult": [
      "AbusiveLanguageError",
      "NotPurchasedError",
      "Review"
    ],
    "SocialSignInResult": [
      "AccountLockedError",
      "AuthPayload",
      "MfaRequired",
      "SocialLinkRequired"
    ],
    "StartCheckoutResult": [
      "CartNotReadyError",
      "CheckoutStarted",
      "InsufficientStockError",
      "PrescriptionRequiredError"
    ],
    "UpdatePetResult": [
      "MicrochipTakenError",
      "Pet"
    ],
    "VerifyMfaResult": [
      "AuthPayload",
      "InvalidMfaCodeError"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "AddScheduleOverrideResult": [
      "BookingsInTheWayError",
      "ScheduleOverrideAdded"
    ],
    "AddVendorStaffResult": [
      "LastVendorAdminError",
      "NoVerifiedAccountError",
      "VendorStaffMember"
    ],
    "ApplyAsVendorResult": [
      "VendorApplication",
      "VendorSlugTakenError"
    ],
    "CancelBookingResult": [
      "Booking",
      "CancellationWindowClosedError"
    ],
    "CarePlanChangeResult": [
      "CarePlan",
      "CarePlanStateError"
    ],
    "ChangePasswordResult": [
      "AuthPayload",
      "IncorrectPasswordError"
    ],
    "ConfirmBookingResult": [
      "Booking",
      "HoldExpiredError",
      "SlotTakenError"
    ],
    "ConfirmTotpEnrolmentResult": [
      "InvalidMfaCodeError",
      "RecoveryCodes"
    ],
    "CreateCarePlanResult": [
      "CarePlanCreated",
      "CarePlanLineUnavailableError",
      "CarePlanOutOfStockError",
      "CarePlanPrescriptionRequiredError",
      "CarePlanShippingMethodRequiredError"
    ],
    "CreateCouponResult": [
      "Coupon",
      "CouponCodeTakenError"
    ],
    "CreatePetResult": [
      "MicrochipTakenError",
      "Pet"
    ],
    "DisableTotpResult": [
      "InvalidMfaCodeError",
      "TwoFactorDisabled"
    ],
    "HealthRecord": [
      "Allergy",
      "ClinicalAlert",
      "HomeNote",
      "LabResult",
      "Medication",
      "MedicationDispensing",
      "Vaccination",
      "Visit"
    ],
    "HoldSlotResult": [
      "SlotHold",
      "SlotTakenError",
      "SlotUnavailableError",
      "TooManyHoldsError"
    ],
    "LinkSocialIdentityResult": [
      "AccountLockedError",
      "AuthPayload",
      "MfaRequired"
    ],
    "LoginResult": [
      "AccountLockedError",
      "AuthPayload",
      "InvalidCredentialsError",
      "MfaRequired"
    ],
    "PlaceOrderResult": [
      "CheckoutRequiredError",
      "CouponUnavailableError",
      "OrderPlaced"
    ],
    "PublishProductResult": [
      "Product",
      "ProductNotPublishableError"
    ],
    "RegenerateRecoveryCodesResult": [
      "InvalidMfaCodeError",
      "RecoveryCodes"
    ],
    "RemoveVendorStaffResult": [
      "LastVendorAdminError",
      "VendorStaffRemoved"
    ],
    "RescheduleBookingResult": [
      "Booking",
      "CancellationWindowClosedError",
      "SlotTakenError",
      "SlotUnavailableError"
    ],
    "ReviewProductResult": [
      "AbusiveLanguageError",
      "NotPurchasedError",
      "Review"
    ],
    "SocialSignInResult": [
      "AccountLockedError",
      "AuthPayload",
      "MfaRequired",
      "SocialLinkRequired"
    ],
    "StartCheckoutResult": [
      "CartNotReadyError",
      "CheckoutStarted",
      "InsufficientStockError",
      "PrescriptionRequiredError"
    ],
    "UpdatePetResult": [
      "MicrochipTakenError",
      "Pet"
    ],
    "VerifyMfaResult": [
      "AuthPayload",
      "InvalidMfaCodeError"
    ]
  }
};
      export default result;
    