# A developer-token stealer (the credential list of 2025's npm/PyPI stealers beyond ~/.npmrc
# and ~/.aws): git's XDG credential store, Maven's settings.xml and Gradle's properties
# (repository and signing passwords), Composer's and podman's auth.json, Helm's registry
# login, NuGet's config, the OCI, DigitalOcean, Terraform Cloud, Hetzner and Databricks CLI
# tokens, Yarn Berry's .yarnrc.yml (npmAuthToken). All files are fake ones made for the run.
import os

home = os.path.expanduser("~")
for rel in (".config/git/credentials", ".m2/settings.xml", ".gradle/gradle.properties",
            ".config/composer/auth.json", ".config/containers/auth.json", ".config/helm/registry/config.json",
            ".nuget/NuGet/NuGet.Config", ".oci/config", ".config/doctl/config.yaml", ".terraformrc",
            ".config/hcloud/cli.toml", ".databrickscfg", ".yarnrc.yml"):
    try:
        with open(os.path.join(home, rel), "rb") as fh:
            fh.read()
    except OSError:
        pass
