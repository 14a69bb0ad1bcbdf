{ name, pkgs, lib, ... }:
{
  plain = "hello";
  escapes = "tab\t newline\n quote\" backslash\\ dollar\${not} $${also-not} $$ done";
  interp = "a ${name} c";
  nested = "outer ${lib.optionalString true "inner ${toString (1 + 2)} ${ { x = "}"; }.x }"} end";
  multiline = "first
    second ${name}
  third";
  notComment = "# not a comment";
  script = ''
    # not a comment either, ${name} is interpolated
    echo ''${HOME} '''quoted''' ''\n ''\t $$ $${literal}
    ${lib.concatMapStrings (n: ''
      ln -s ${pkgs.hello}/bin/hello /tmp/${n}
    '') [ "a" "b" ]}
    cat <<EOF
    ${builtins.toJSON { a = "x"; }}
    EOF
  '';
  tricky = ''it's a ''' ' ''$ end'';
  after = 1;
}
