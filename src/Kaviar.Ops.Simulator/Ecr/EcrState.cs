using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Kaviar.Ops.Simulator.Ecr;

/// <summary>An image in a repository: its manifest digest and the tags that point at it now.</summary>
public sealed class EcrImage
{
    internal EcrImage(string digest) => Digest = digest;

    /// <summary>"sha256:" and 64 hex digits.</summary>
    public string Digest { get; }

    public List<string> Tags { get; } = new();
}

public sealed class EcrRepository
{
    internal EcrRepository(string name, string uri)
    {
        Name = name;
        Uri = uri;
    }

    public string Name { get; }

    /// <summary>"&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;name&gt;", what an image URI starts with.</summary>
    public string Uri { get; }

    public List<EcrImage> Images { get; } = new();
}

/// <summary>
/// The account's private ECR registry in its region: repositories and the images pushed to them. A Fargate task pulls
/// an image of this registry only when its tag or digest is there; images of other registries are not judged.
/// </summary>
public sealed class EcrState
{
    private readonly List<EcrRepository> _repositories = new();
    private int _pushes;

    public EcrState(AccountState account) => Account = account;

    public AccountState Account { get; }

    /// <summary>"&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com".</summary>
    public string RegistryHost => $"{Account.AccountId}.dkr.ecr.{Account.Region}.amazonaws.com";

    public IReadOnlyList<EcrRepository> Repositories => _repositories;

    public EcrRepository? FindRepository(string name) => _repositories.Find(r => r.Name == name);

    public EcrRepository RequireRepository(string name) => FindRepository(name)
        ?? throw new ArgumentException($"The repository with name '{name}' does not exist in the registry with id '{Account.AccountId}'", nameof(name));

    public EcrRepository AddRepository(string name)
    {
        if (FindRepository(name) is not null)
        {
            throw new ArgumentException($"The repository with name '{name}' already exists in the registry with id '{Account.AccountId}'", nameof(name));
        }

        var repository = new EcrRepository(name, $"{RegistryHost}/{name}");
        _repositories.Add(repository);
        return repository;
    }

    /// <summary>
    /// What "docker push &lt;repository&gt;:&lt;tag&gt;" leaves: a new image carrying the tag, which moves off any older image.
    /// The repository must exist, as ECR requires.
    /// </summary>
    public EcrImage PushImage(string repositoryName, string tag)
    {
        var repository = RequireRepository(repositoryName);
        foreach (var older in repository.Images)
        {
            older.Tags.Remove(tag);
        }

        // A digest is a hash of the manifest; each push here stands for a distinct build.
        var manifest = Encoding.UTF8.GetBytes($"{repository.Uri}:{tag}#{_pushes++}");
        var image = new EcrImage("sha256:" + Convert.ToHexString(SHA256.HashData(manifest)).ToLowerInvariant());
        image.Tags.Add(tag);
        repository.Images.Add(image);
        return image;
    }

    /// <summary>
    /// What BatchDeleteImage by tag (or a lifecycle policy expiring it) leaves: the tag is gone, and so is the image once
    /// no tag points at it.
    /// </summary>
    public void DeleteImage(string repositoryName, string tag)
    {
        var repository = RequireRepository(repositoryName);
        foreach (var image in repository.Images)
        {
            image.Tags.Remove(tag);
        }

        repository.Images.RemoveAll(i => i.Tags.Count == 0);
    }

    /// <summary>The URI a task definition names the image by: "&lt;registry&gt;/&lt;repository&gt;:&lt;tag&gt;".</summary>
    public string ImageUri(string repositoryName, string tag) => $"{RegistryHost}/{repositoryName}:{tag}";

    /// <summary>
    /// Whether pulling <paramref name="image"/> finds a manifest: false when it names this registry and its repository, or
    /// the tag (default "latest") or digest in it, is missing; null when it names another registry, which the account
    /// does not hold.
    /// </summary>
    public bool? Resolves(string image)
    {
        var prefix = RegistryHost + "/";
        if (!image.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var reference = image[prefix.Length..];
        var at = reference.IndexOf('@');
        var digest = at >= 0 ? reference[(at + 1)..] : null;
        var nameAndTag = at >= 0 ? reference[..at] : reference;
        var colon = nameAndTag.LastIndexOf(':');
        var name = colon >= 0 ? nameAndTag[..colon] : nameAndTag;
        var tag = colon >= 0 ? nameAndTag[(colon + 1)..] : "latest";
        return FindRepository(name)?.Images.Any(i => digest is not null ? i.Digest == digest : i.Tags.Contains(tag)) == true;
    }
}
