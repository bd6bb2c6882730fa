;; A stand-in for a policy compiled by `opa build -t wasm`, written by hand so tests run without `opa`.
;; It implements the part of OPA's wasm ABI the JavaScript SDK calls (ABI 1.1 through eval contexts and
;; 1.2 through opa_eval), keeps every value as the JSON text it was parsed from, and evaluates a real
;; policy over that text:
;;   entrypoint 0 (nospof/deny): Deployments whose spec.replicas is a number below data.min (default 3)
;;     -> { msg, resource, path }
;;   entrypoint 1 (nospof/warn): Deployments with no spec.replicas at all -> a string
;; The test builder fills in the placeholders: {{MAJOR}}, {{MINOR}}, {{DATA}} (data segments), {{EVALUATE}} (the body
;; of $evaluate), and @name / @@name (address and length / address of a string in a data segment).
(module
  (import "env" "memory" (memory 2))
  (import "env" "opa_abort" (func $opa_abort (param i32)))
  (import "env" "opa_println" (func $opa_println (param i32)))
  (import "env" "opa_builtin0" (func $opa_builtin0 (param i32 i32) (result i32)))
  (import "env" "opa_builtin1" (func $opa_builtin1 (param i32 i32 i32) (result i32)))

  (global (export "opa_wasm_abi_version") i32 (i32.const {{MAJOR}}))
  (global (export "opa_wasm_abi_minor_version") i32 (i32.const {{MINOR}}))
  (global $heap (mut i32) (i32.const 65536))
  (global $out (mut i32) (i32.const 0))

  {{DATA}}

  (func (export "builtins") (result i32) (i32.const @@builtins))
  (func (export "entrypoints") (result i32) (i32.const @@entrypoints))
  (func (export "opa_heap_ptr_get") (result i32) (global.get $heap))
  (func (export "opa_heap_ptr_set") (param $p i32) (global.set $heap (local.get $p)))
  (func (export "opa_json_dump") (param $v i32) (result i32) (local.get $v))

  (func $ensure (param $end i32)
    (local $need i32)
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (local.set $need (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)) (memory.size)))
        (if (i32.eq (memory.grow (local.get $need)) (i32.const -1))
          (then (call $opa_abort (i32.const @@oom)) (unreachable))))))

  (func $alloc (export "opa_malloc") (param $n i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (call $ensure (i32.add (local.get $p) (local.get $n)))
    (global.set $heap (i32.and (i32.add (i32.add (local.get $p) (local.get $n)) (i32.const 7)) (i32.const -8)))
    (local.get $p))

  (func $copy (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32)
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 (i32.add (local.get $dst) (local.get $i)) (i32.load8_u (i32.add (local.get $src) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each))))

  ;; A value is its JSON text, NUL-terminated, so parsing is copying.
  (func $parse (export "opa_json_parse") (param $addr i32) (param $len i32) (result i32)
    (local $p i32)
    (if (i32.eqz (local.get $len)) (then (return (i32.const 0))))
    (local.set $p (call $alloc (i32.add (local.get $len) (i32.const 1))))
    (call $copy (local.get $p) (local.get $addr) (local.get $len))
    (i32.store8 (i32.add (local.get $p) (local.get $len)) (i32.const 0))
    (local.get $p))

  ;; ABI 1.1: evaluation contexts { input, data, entrypoint, result }.
  (func (export "opa_eval_ctx_new") (result i32)
    (local $ctx i32)
    (local.set $ctx (call $alloc (i32.const 16)))
    (i32.store (local.get $ctx) (i32.const 0))
    (i32.store offset=4 (local.get $ctx) (i32.const 0))
    (i32.store offset=8 (local.get $ctx) (i32.const 0))
    (i32.store offset=12 (local.get $ctx) (i32.const 0))
    (local.get $ctx))
  (func (export "opa_eval_ctx_set_input") (param $ctx i32) (param $v i32) (i32.store (local.get $ctx) (local.get $v)))
  (func (export "opa_eval_ctx_set_data") (param $ctx i32) (param $v i32) (i32.store offset=4 (local.get $ctx) (local.get $v)))
  (func (export "opa_eval_ctx_set_entrypoint") (param $ctx i32) (param $e i32) (i32.store offset=8 (local.get $ctx) (local.get $e)))
  (func (export "opa_eval_ctx_get_result") (param $ctx i32) (result i32) (i32.load offset=12 (local.get $ctx)))
  (func (export "eval") (param $ctx i32) (result i32)
    (i32.store offset=12 (local.get $ctx)
      (call $evaluate (i32.load offset=8 (local.get $ctx)) (i32.load offset=4 (local.get $ctx)) (i32.load (local.get $ctx))))
    (i32.const 0))

  ;; ABI 1.2: one call; the input is raw JSON at $input, and the result is returned as JSON text.
  (func (export "opa_eval") (param $reserved i32) (param $ep i32) (param $data i32) (param $input i32)
      (param $len i32) (param $heap i32) (param $format i32) (result i32)
    (global.set $heap (local.get $heap))
    (call $evaluate
      (local.get $ep)
      (local.get $data)
      (if (result i32) (local.get $input) (then (call $parse (local.get $input) (local.get $len))) (else (i32.const 0)))))

  (func $evaluate (param $ep i32) (param $data i32) (param $input i32) (result i32)
    {{EVALUATE}})

  ;; --- reading JSON text ---------------------------------------------------------------------------
  (func $isws (param $c i32) (result i32)
    (i32.or
      (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 10)))
      (i32.or (i32.eq (local.get $c) (i32.const 13)) (i32.eq (local.get $c) (i32.const 9)))))

  (func $ws (param $p i32) (result i32)
    (block $done (loop $each
      (br_if $done (i32.eqz (call $isws (i32.load8_u (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $each)))
    (local.get $p))

  ;; $p at an opening quote; returns the position after the closing one.
  (func $skip_string (param $p i32) (result i32)
    (local $c i32)
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (block $done (loop $each
      (local.set $c (i32.load8_u (local.get $p)))
      (br_if $done (i32.eq (local.get $c) (i32.const 34)))
      (br_if $done (i32.eqz (local.get $c)))
      (if (i32.eq (local.get $c) (i32.const 92)) (then (local.set $p (i32.add (local.get $p) (i32.const 1)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $each)))
    (i32.add (local.get $p) (i32.const 1)))

  (func $skip_value (param $p i32) (result i32)
    (local $c i32) (local $depth i32)
    (local.set $p (call $ws (local.get $p)))
    (local.set $c (i32.load8_u (local.get $p)))
    (if (i32.eq (local.get $c) (i32.const 34)) (then (return (call $skip_string (local.get $p)))))
    (if (i32.or (i32.eq (local.get $c) (i32.const 123)) (i32.eq (local.get $c) (i32.const 91)))
      (then
        (block $done (loop $each
          (local.set $c (i32.load8_u (local.get $p)))
          (br_if $done (i32.eqz (local.get $c)))
          (if (i32.eq (local.get $c) (i32.const 34))
            (then (local.set $p (call $skip_string (local.get $p))) (br $each)))
          (if (i32.or (i32.eq (local.get $c) (i32.const 123)) (i32.eq (local.get $c) (i32.const 91)))
            (then (local.set $depth (i32.add (local.get $depth) (i32.const 1)))))
          (if (i32.or (i32.eq (local.get $c) (i32.const 125)) (i32.eq (local.get $c) (i32.const 93)))
            (then
              (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
              (if (i32.eqz (local.get $depth)) (then (return (i32.add (local.get $p) (i32.const 1)))))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $each)))
        (return (local.get $p))))
    (block $done (loop $each
      (local.set $c (i32.load8_u (local.get $p)))
      (br_if $done (i32.eqz (local.get $c)))
      (br_if $done (i32.eq (local.get $c) (i32.const 44)))
      (br_if $done (i32.eq (local.get $c) (i32.const 125)))
      (br_if $done (i32.eq (local.get $c) (i32.const 93)))
      (br_if $done (call $isws (local.get $c)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $each)))
    (local.get $p))

  ;; Is the string at $p (at its opening quote) exactly the $n bytes at $k?
  (func $str_eq (param $p i32) (param $k i32) (param $n i32) (result i32)
    (local $i i32)
    (if (i32.ne (i32.load8_u (local.get $p)) (i32.const 34)) (then (return (i32.const 0))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.ne (i32.load8_u (i32.add (i32.add (local.get $p) (i32.const 1)) (local.get $i)))
                  (i32.load8_u (i32.add (local.get $k) (local.get $i))))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each)))
    (i32.eq (i32.load8_u (i32.add (i32.add (local.get $p) (i32.const 1)) (local.get $n))) (i32.const 34)))

  ;; The member $k of the object at $o, or 0.
  (func $find (param $o i32) (param $k i32) (param $n i32) (result i32)
    (local $p i32) (local $hit i32)
    (if (i32.eqz (local.get $o)) (then (return (i32.const 0))))
    (local.set $p (call $ws (local.get $o)))
    (if (i32.ne (i32.load8_u (local.get $p)) (i32.const 123)) (then (return (i32.const 0))))
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (loop $each
      (local.set $p (call $ws (local.get $p)))
      (if (i32.ne (i32.load8_u (local.get $p)) (i32.const 34)) (then (return (i32.const 0))))
      (local.set $hit (call $str_eq (local.get $p) (local.get $k) (local.get $n)))
      (local.set $p (call $ws (call $skip_string (local.get $p))))
      (local.set $p (call $ws (i32.add (local.get $p) (i32.const 1))))
      (if (local.get $hit) (then (return (local.get $p))))
      (local.set $p (call $ws (call $skip_value (local.get $p))))
      (if (i32.ne (i32.load8_u (local.get $p)) (i32.const 44)) (then (return (i32.const 0))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $each))
    (i32.const 0))

  (func $first (param $a i32) (result i32)
    (local $p i32)
    (if (i32.eqz (local.get $a)) (then (return (i32.const 0))))
    (local.set $p (call $ws (local.get $a)))
    (if (i32.ne (i32.load8_u (local.get $p)) (i32.const 91)) (then (return (i32.const 0))))
    (local.set $p (call $ws (i32.add (local.get $p) (i32.const 1))))
    (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 93)) (then (return (i32.const 0))))
    (local.get $p))

  (func $next (param $e i32) (result i32)
    (local $p i32)
    (local.set $p (call $ws (call $skip_value (local.get $e))))
    (if (i32.ne (i32.load8_u (local.get $p)) (i32.const 44)) (then (return (i32.const 0))))
    (call $ws (i32.add (local.get $p) (i32.const 1))))

  (func $is_number (param $p i32) (result i32)
    (local $c i32)
    (if (i32.eqz (local.get $p)) (then (return (i32.const 0))))
    (local.set $c (i32.load8_u (local.get $p)))
    (i32.or (i32.eq (local.get $c) (i32.const 45))
      (i32.and (i32.ge_u (local.get $c) (i32.const 48)) (i32.le_u (local.get $c) (i32.const 57)))))

  (func $parse_int (param $p i32) (result i32)
    (local $acc i32) (local $neg i32) (local $c i32)
    (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 45))
      (then (local.set $neg (i32.const 1)) (local.set $p (i32.add (local.get $p) (i32.const 1)))))
    (block $done (loop $each
      (local.set $c (i32.load8_u (local.get $p)))
      (br_if $done (i32.or (i32.lt_u (local.get $c) (i32.const 48)) (i32.gt_u (local.get $c) (i32.const 57))))
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 10)) (i32.sub (local.get $c) (i32.const 48))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $each)))
    (if (result i32) (local.get $neg) (then (i32.sub (i32.const 0) (local.get $acc))) (else (local.get $acc))))

  ;; --- writing the result ----------------------------------------------------------------------------
  (func $emit (param $src i32) (param $n i32)
    (call $ensure (i32.add (i32.add (global.get $out) (local.get $n)) (i32.const 1)))
    (call $copy (global.get $out) (local.get $src) (local.get $n))
    (global.set $out (i32.add (global.get $out) (local.get $n))))

  (func $emit_raw (param $p i32)
    (call $emit (local.get $p) (i32.sub (call $skip_value (local.get $p)) (local.get $p))))

  ;; The characters of the string at $p, without its quotes.
  (func $emit_body (param $p i32)
    (call $emit (i32.add (local.get $p) (i32.const 1)) (i32.sub (i32.sub (call $skip_string (local.get $p)) (local.get $p)) (i32.const 2))))

  ;; --- the policy -------------------------------------------------------------------------------------
  (func $policy (param $ep i32) (param $data i32) (param $input i32) (result i32)
    (local $start i32) (local $min i32) (local $v i32) (local $r i32) (local $first i32) (local $rep i32) (local $id i32)
    (local.set $start (global.get $heap))
    (global.set $out (local.get $start))
    (local.set $min (i32.const 3))
    (local.set $v (call $find (local.get $data) @k_min))
    (if (call $is_number (local.get $v)) (then (local.set $min (call $parse_int (local.get $v)))))
    (call $emit @s_open)
    (local.set $first (i32.const 1))
    (local.set $r (call $first (call $find (local.get $input) @k_resources)))
    (block $done (loop $each
      (br_if $done (i32.eqz (local.get $r)))
      (local.set $v (call $find (local.get $r) @k_type))
      (if (if (result i32) (local.get $v) (then (call $str_eq (local.get $v) @s_Deployment)) (else (i32.const 0)))
        (then
          (local.set $rep (call $find (call $find (call $find (local.get $r) @k_attributes) @k_spec) @k_replicas))
          (local.set $id (call $find (local.get $r) @k_id))
          (if (i32.eqz (local.get $ep))
            (then
              (if (if (result i32) (call $is_number (local.get $rep))
                    (then (i32.lt_s (call $parse_int (local.get $rep)) (local.get $min))) (else (i32.const 0)))
                (then
                  (if (i32.eqz (local.get $first)) (then (call $emit @s_comma)))
                  (local.set $first (i32.const 0))
                  (call $emit @s_deny1) (call $emit_raw (local.get $rep))
                  (call $emit @s_deny2) (call $emit_raw (local.get $id))
                  (call $emit @s_deny3))))
            (else
              (if (i32.eqz (local.get $rep))
                (then
                  (if (i32.eqz (local.get $first)) (then (call $emit @s_comma)))
                  (local.set $first (i32.const 0))
                  (call $emit @s_warn1) (call $emit_body (local.get $id)) (call $emit @s_warn2)))))))
      (local.set $r (call $next (local.get $r)))
      (br $each)))
    (call $emit @s_close)
    (global.set $heap (global.get $out))
    (local.get $start))
)
