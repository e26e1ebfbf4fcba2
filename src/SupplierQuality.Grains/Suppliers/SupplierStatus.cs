using System.Text.Json.Serialization;

namespace SupplierQuality.Grains.Suppliers;

/// <summary>Whether a supplier takes part in new campaigns. Stored and sent by name, so names never change.</summary>
[GenerateSerializer, Alias("SupplierQuality.Suppliers.SupplierStatus")]
[JsonConverter(typeof(JsonStringEnumConverter<SupplierStatus>))]
public enum SupplierStatus
{
    Active = 0,
    Inactive = 1,
}
