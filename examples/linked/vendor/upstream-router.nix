# A vendored copy of someone else's router, kept for reference: the
# microvm-lint.json next to ../host.nix ignores vendor/, so its MAC (the
# same as ../router.nix's) is neither checked nor counted as a duplicate,
# by the CLI and in the editor alike.
{
  microvm.interfaces = [
    {
      type = "tap";
      id = "vm-upstream";
      mac = "02:00:00:00:02:01";
    }
  ];
}
