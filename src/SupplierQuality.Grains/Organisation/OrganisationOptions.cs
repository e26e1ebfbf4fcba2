namespace SupplierQuality.Grains.Organisation;

/// <summary>What the organisation is before an admin saves its settings. The node fills it from <c>Campaigns:BuyerName</c>.</summary>
public sealed class OrganisationOptions
{
    /// <summary>The name until one is saved; the placeholder unless configured.</summary>
    public string InitialName { get; set; } = OrganisationInput.Placeholder;
}
