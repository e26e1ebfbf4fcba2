namespace SupplierQuality.Grains.Questionnaires;

/// <summary>
/// A part of the overall score (quality, delivery, ...). <see cref="Id"/> is a slug that stays the same across
/// versions, so scores of one dimension can be compared over time. <see cref="Weight"/> is relative: the overall
/// score is the mean of the dimension scores weighted by it. Null only in input that is still to be validated.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Questionnaires.Dimension")]
public sealed record Dimension(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] decimal? Weight);
