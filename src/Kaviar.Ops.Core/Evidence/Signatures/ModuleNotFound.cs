using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// A library the app loads is not in the image: Node's <c>Error: Cannot find module 'express'</c> (and ESM's
/// <c>Cannot find package 'x' imported from …</c>), Python's <c>ModuleNotFoundError: No module named 'x'</c>, Java's
/// <c>ClassNotFoundException</c> and <c>NoClassDefFoundError</c>, Ruby's <c>cannot load such file -- x (LoadError)</c> and
/// Bundler's <c>Could not find x-1.2 in locally installed gems</c>, .NET's <c>Could not load file or assembly 'X'</c>.
/// Never a database failure, even when the module is a database driver.
/// </summary>
internal sealed class ModuleNotFound : LineSignature
{
    private static readonly (string Runtime, Regex Pattern, string Fix)[] Runtimes =
    {
        ("Node.js", LogPattern.Of(@"Cannot find (?:module|package) '(?<module>[^']+)'"),
            "Declare it under dependencies (not devDependencies) in package.json and check the Dockerfile installs and copies it " +
            "(npm ci --omit=dev in the final stage, node_modules or the build output not left behind); for a path, copy the build output to it."),
        ("Python", LogPattern.Of(@"(?:ModuleNotFoundError|ImportError): No module named '?(?<module>[\w.]+)'?"),
            "Add it to requirements.txt (or pyproject.toml) and check the image installs them into the interpreter the container runs " +
            "(the same virtualenv or --user site)."),
        ("Java", LogPattern.Of(@"java\.lang\.(?:ClassNotFoundException|NoClassDefFoundError):\s*(?<module>[\w.$/]+)"),
            "Package the library with the application (a runtime-scoped dependency in an executable or shaded jar) and check the " +
            "classpath the image starts it with."),
        ("Ruby", LogPattern.Of(@"cannot load such file -- (?<module>\S+)|Could not find (?<module>[\w.\-]+) in (?:locally installed gems|any of the sources)"),
            "Add the gem to the Gemfile outside the development and test groups and run bundle install in the image " +
            "(BUNDLE_WITHOUT must not leave it out)."),
        (".NET", LogPattern.Of(@"Could not load file or assembly '(?<module>[^,']+)"),
            "Publish with dotnet publish and copy the whole publish folder into the image; check the package version the app was built against."),
    };

    public override string Id => "ModuleNotFound";

    protected override LogMatch? MatchAt(LogLines lines, int index, LogContext context)
    {
        foreach (var (runtime, pattern, fix) in Runtimes)
        {
            var match = pattern.Match(lines[index]);
            if (match.Success)
            {
                // NoClassDefFoundError names the class by its path: org/slf4j/LoggerFactory.
                var module = runtime == "Java" ? match.Groups["module"].Value.Replace('/', '.') : match.Groups["module"].Value;

                return Found(index,
                    $"The {runtime} app cannot load {module}: it is not in the image.",
                    LogFacts.Of((LogFacts.Module, module), (LogFacts.Runtime, runtime)),
                    manualFix: fix + " Then rebuild the image and deploy it.");
            }
        }

        return null;
    }
}
