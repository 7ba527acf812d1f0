# scale.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot scale.gp                  writes scale.png and scale.svg
#   gnuplot -c scale.gp terminal      draws it in the terminal
#   gnuplot -c scale.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'scale.png'
svg_file = (ARGC > 2) ? ARG3 : 'scale.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 900,600 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 900,600 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 100,30 noenhanced; set output }
  set multiplot layout 1,1
  # — panel 'Untrained network: RMS of each affine layer''s output (7 = the scores), measured, and derived (grey)' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Untrained network: RMS of each affine layer''s output (7 = the scores), measured, and derived (grey)'; set xlabel 'affine layer'; set ylabel 'RMS on the 300 training images'
  set xrange [0.8:7.2]; set yrange [*:*]
  set format x '% h'
  set format y '% h'
  set logscale y; set format y '%g'
  set key default; set key bottom left opaque
  plot 'scale.dat' using 1:2 with linespoints lw 1.5 pi 1 ps 1 lc rgb '#7f7f7f' title 'training, no dropout', \
       'scale.dat' using 1:4 with linespoints lw 1.5 pi 1 ps 1 lc rgb '#1f77b4' title 'training, dropout r = 0.2', \
       'scale.dat' using 1:5 with linespoints lw 1.5 pi 1 ps 1 dt 2 lc rgb '#1f77b4' title 'test mode, dropout r = 0.2', \
       'scale.dat' using 1:($2*0.8**(($1-1)/2.0)) with lines lw 1.5 lc rgb '#bbbbbb' notitle, \
       'scale.dat' using 1:($2*0.8**($1-1)) with lines lw 1.5 lc rgb '#bbbbbb' notitle, \
       'scale.dat' using 1:6 with linespoints lw 1.5 pi 1 ps 1 lc rgb '#2ca02c' title 'training, inverted dropout', \
       'scale.dat' using 1:7 with linespoints lw 1.5 pi 1 ps 1 dt 2 lc rgb '#2ca02c' title 'test mode, inverted dropout', \
       'scale.dat' using 1:($2*0.8**(-($1-1)/2.0)) with lines lw 1.5 lc rgb '#bbbbbb' notitle, \
       'scale.dat' using 1:8 with linespoints lw 1.5 pi 1 ps 1 lc rgb '#d62728' title 'training, exercise 1, r = 0.5', \
       'scale.dat' using 1:9 with linespoints lw 1.5 pi 1 ps 1 dt 2 lc rgb '#d62728' title 'test mode, exercise 1, r = 0.5', \
       'scale.dat' using 1:($2*0.5**(($1-1)/2.0)) with lines lw 1.5 lc rgb '#bbbbbb' notitle, \
       'scale.dat' using 1:($2*0.5**($1-1)) with lines lw 1.5 lc rgb '#bbbbbb' notitle
  unset multiplot
  set output
}
