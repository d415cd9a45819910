namespace Repro.Experiments;

/// <summary>
/// A weights file a transfer experiment needs before its full profile can run (Keras applications'
/// ImageNet weights), named as keras.utils.get_file names and checks it.
/// </summary>
/// <param name="Id">Its id in Repro's dataset store (`repro data fetch ID`), also its cache folder.</param>
/// <param name="FileName">The file name under the Keras cache (~/.keras/models) and in Repro's dataset store.</param>
/// <param name="Url">Where Keras downloads it from.</param>
/// <param name="Md5">The file_hash Keras pins it with.</param>
/// <param name="LoadsInto">Which layers take its weights.</param>
public sealed record PretrainedWeights(string Id, string FileName, string Url, string Md5, string LoadsInto);
