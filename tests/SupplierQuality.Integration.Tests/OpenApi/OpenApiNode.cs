using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.OpenApi;

/// <summary>One node for the OpenAPI document and the API reference page; each test makes its own data.</summary>
public sealed class OpenApiNode : SharedNode
{
    public const string Collection = "OpenAPI node";
}

[CollectionDefinition(OpenApiNode.Collection)]
public sealed class OpenApiNodeDefinition : ICollectionFixture<OpenApiNode>;
