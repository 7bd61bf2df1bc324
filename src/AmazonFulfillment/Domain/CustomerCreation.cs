namespace AmazonFulfillment.Domain;

/// <summary>How Amazon buyers become Commerce customers.</summary>
public enum CustomerCreation
{
    /// <summary>Orders are guest orders; no customer is created (the default).</summary>
    Guest,

    /// <summary>The Commerce customer with the buyer's email is used, or created when none exists.</summary>
    CreateAccount,
}
