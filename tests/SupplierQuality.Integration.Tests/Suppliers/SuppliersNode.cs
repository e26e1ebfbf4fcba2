using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Suppliers;

public sealed class SuppliersNode : SharedNode
{
    public const string Collection = "Suppliers node";
}

[CollectionDefinition(SuppliersNode.Collection)]
public sealed class SuppliersNodeDefinition : ICollectionFixture<SuppliersNode>;
