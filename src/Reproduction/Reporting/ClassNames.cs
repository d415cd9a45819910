using Repro.Reproduction.Datasets;

namespace Repro.Reproduction.Reporting;

/// <summary>The class names a confusion matrix is labelled with, by the experiment's dataset.</summary>
internal static class ClassNames
{
    public static IReadOnlyList<string> Of(string datasetId, int classes) => datasetId switch
    {
        "fashion-mnist" => FashionMnist.ClassNameList,
        "cifar-10" or "cifar-10-grey" => Cifar10.ClassNames,
        // The digits datasets' classes are the digits themselves.
        _ => Enumerable.Range(0, classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
    };
}
